import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RawSignedRequest } from '../../tools/emulator/sigv4-canonical';
import { signatureFor } from '../../tools/emulator/sigv4-signing';
import { VerifyOptions, verifySigV4 } from '../../tools/emulator/sigv4-verify';

// The AWS SigV4 test suite's "get-vanilla" and "post-vanilla" cases.
const SUITE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SUITE_NOW = Date.UTC(2015, 7, 30, 12, 36, 0);
const suiteOptions: VerifyOptions = {
  lookup: (akid) => (akid === 'AKIDEXAMPLE' ? { secretAccessKey: SUITE_SECRET } : undefined),
  now: SUITE_NOW,
};

function vanilla(method: string, signature: string): RawSignedRequest {
  return {
    method,
    url: '/',
    headers: [
      ['Host', 'example.amazonaws.com'],
      ['X-Amz-Date', '20150830T123600Z'],
      ['Authorization', `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`],
    ],
    body: '',
  };
}
const GET_VANILLA = vanilla('GET', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
const POST_VANILLA = vanilla('POST', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');

describe('the AWS test suite vectors', () => {
  test('get-vanilla verifies, with the suite\'s canonical request and string to sign', () => {
    const r = verifySigV4(GET_VANILLA, suiteOptions);
    expect(r).toMatchObject({ valid: true, accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service', signedHeaders: ['host', 'x-amz-date'] });
    expect(r.canonicalRequest).toBe('GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n'
      + 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(r.stringToSign).toBe('AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n'
      + 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63');
  });

  test('post-vanilla verifies', () => {
    expect(verifySigV4(POST_VANILLA, suiteOptions).valid).toBe(true);
  });

  test('signatureFor reproduces the suite signature', () => {
    const auth = signatureFor(GET_VANILLA, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SUITE_SECRET },
      { date: '20150830', region: 'us-east-1', service: 'service', amzDate: '20150830T123600Z' }, ['x-amz-date', 'host']);
    expect(auth).toBe((GET_VANILLA.headers as Array<[string, string]>)[2][1]);
  });
});

describe('tampering is detected', () => {
  const headers = GET_VANILLA.headers as Array<[string, string]>;
  test.each<[string, RawSignedRequest, VerifyOptions, string, RegExp]>([
    ['a changed body', { ...GET_VANILLA, body: 'x' }, suiteOptions, 'InvalidSignatureException', /signature does not match/],
    ['a changed signed header', { ...GET_VANILLA, headers: [['Host', 'evil.example.com'], headers[1], headers[2]] }, suiteOptions,
      'InvalidSignatureException', /signature does not match/],
    ['a changed method', { ...GET_VANILLA, method: 'POST' }, suiteOptions, 'InvalidSignatureException', /signature does not match/],
    ['a changed path', { ...GET_VANILLA, url: '/other' }, suiteOptions, 'InvalidSignatureException', /signature does not match/],
    ['an added query', { ...GET_VANILLA, url: '/?a=b' }, suiteOptions, 'InvalidSignatureException', /signature does not match/],
    ['a wrong secret', GET_VANILLA, { ...suiteOptions, lookup: () => ({ secretAccessKey: 'not-the-secret' }) },
      'InvalidSignatureException', /signature does not match/],
    ['an unknown access key', GET_VANILLA, { ...suiteOptions, lookup: () => undefined }, 'UnrecognizedClientException', /access key id is not one the verifier knows/],
    ['another region', GET_VANILLA, { ...suiteOptions, region: 'eu-west-1' }, 'InvalidSignatureException', /scoped to region 'us-east-1', expected 'eu-west-1'/],
    ['another service', GET_VANILLA, { ...suiteOptions, service: 'partnercentral-account' }, 'InvalidSignatureException',
      /scoped to service 'service', expected 'partnercentral-account'/],
    ['a clock 16 minutes ahead', GET_VANILLA, { ...suiteOptions, now: SUITE_NOW + 16 * 60_000 }, 'InvalidSignatureException', /more than 15 minutes/],
    ['a clock 16 minutes behind', GET_VANILLA, { ...suiteOptions, now: SUITE_NOW - 16 * 60_000 }, 'InvalidSignatureException', /more than 15 minutes/],
    ['a required session token', GET_VANILLA, { ...suiteOptions, requireSessionToken: true }, 'UnrecognizedClientException', /no session token/],
    ['a required header left unsigned', GET_VANILLA, { ...suiteOptions, requiredSignedHeaders: ['x-amz-target'] }, 'InvalidSignatureException',
      /'x-amz-target' header is not signed/],
    ['no Authorization header', { ...GET_VANILLA, headers: [headers[0], headers[1]] }, suiteOptions, 'MissingAuthenticationTokenException', /no Authorization/],
    ['a garbled Authorization header', { ...GET_VANILLA, headers: [headers[0], headers[1], ['Authorization', 'AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=' + 'a'.repeat(64)]] }, suiteOptions,
      'IncompleteSignatureException', /Credential is not/],
    ['another algorithm', { ...GET_VANILLA, headers: [headers[0], headers[1], ['Authorization', 'AWS3 foo']] }, suiteOptions,
      'IncompleteSignatureException', /does not start with AWS4-HMAC-SHA256/],
    ['a scope date that is not the X-Amz-Date day', { ...GET_VANILLA, headers: [headers[0], ['X-Amz-Date', '20150831T000100Z'], headers[2]] },
      { ...suiteOptions, now: Date.UTC(2015, 7, 31, 0, 1) }, 'InvalidSignatureException', /does not match X-Amz-Date/],
  ])('%s', (_name, request, options, errorCode, reason) => {
    const r = verifySigV4(request, options);
    expect(r.valid).toBe(false);
    expect(r.errorCode).toBe(errorCode);
    expect(r.reason).toMatch(reason);
    expect(r.reason).not.toContain(SUITE_SECRET);
  });

  test('a signature that verifies is compared in full, not by prefix', () => {
    const wrong = GET_VANILLA.headers as Array<[string, string]>;
    const auth = wrong[2][1].replace(/.$/, (c) => (c === '1' ? '2' : '1'));
    expect(verifySigV4({ ...GET_VANILLA, headers: [wrong[0], wrong[1], ['Authorization', auth]] }, suiteOptions).valid).toBe(false);
  });
});

describe('requests signed by @smithy/signature-v4 verify', () => {
  const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret/with+chars', sessionToken: 'session-token' };
  const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const options: VerifyOptions = {
    lookup: (akid) => (akid === credentials.accessKeyId
      ? { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }
      : undefined),
    now: now.getTime(),
    region: 'us-east-1',
    service: 'partnercentral-account',
    requireSessionToken: true,
  };

  async function sign(path: string, query: Record<string, string>, body: string, headers: Record<string, string> = {}) {
    // The path as a client puts it on the wire (and hands it to the signer): each segment
    // percent-encoded once; the signer encodes it a second time for the canonical request.
    const wirePath = path.split('/').map(encodeURIComponent).join('/');
    const signer = new SignatureV4({ service: 'partnercentral-account', region: 'us-east-1', credentials, sha256: Sha256 });
    const signed = await signer.sign(new HttpRequest({
      method: 'POST',
      hostname: 'partnercentral-account.us-east-1.api.aws',
      path: wirePath,
      query,
      headers: { 'host': 'partnercentral-account.us-east-1.api.aws', 'content-type': 'application/x-amz-json-1.0', ...headers },
      body,
    }), { signingDate: now });
    const qs = Object.entries(signed.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return { method: 'POST', url: qs ? `${wirePath}?${qs}` : wirePath, headers: signed.headers, body };
  }

  test.each([
    ['/', {}, '{}'],
    ['/', {}, JSON.stringify({ Message: 'Zoë says hi,\nlet us co-sell ✓' })],
    ['/a path/with spaces/', {}, ''],
    ['/', { 'b': '2', 'a': 'x y', 'c~': '*' }, '{}'],
  ])('path %j, query %j', async (path, query, body) => {
    const request = await sign(path, query, body, { 'X-Spaced': '  a   b  ' });
    const verified = verifySigV4(request, options);
    expect(verified).toMatchObject({ valid: true, accessKeyId: 'AKIDTEST' });
    expect(verified.canonicalRequest!.split('\n').pop()).toBe(createHash('sha256').update(body).digest('hex'));
    expect(verifySigV4({ ...request, body: `${body} ` }, options).valid).toBe(false);
  });

  test('a pinned session token must match', async () => {
    const request = await sign('/', {}, '{}');
    const other = { ...options, lookup: () => ({ secretAccessKey: credentials.secretAccessKey, sessionToken: 'another' }) };
    expect(verifySigV4(request, other)).toMatchObject({ valid: false, errorCode: 'UnrecognizedClientException' });
  });

  test('x-amz-content-sha256 must match the body', async () => {
    const request = await sign('/', {}, '{}', { 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    expect(verifySigV4(request, options)).toMatchObject({ valid: false, reason: 'x-amz-content-sha256 does not match the body' });
    const honest = await sign('/', {}, '{}', { 'x-amz-content-sha256': createHash('sha256').update('{}').digest('hex') });
    expect(verifySigV4(honest, options)).toMatchObject({ valid: true });
    expect(verifySigV4({ ...honest, body: '{"a":1}' }, options)).toMatchObject({ valid: false, reason: 'x-amz-content-sha256 does not match the body' });
  });

  test('UNSIGNED-PAYLOAD does not take the body out of the signature', async () => {
    // @smithy/signature-v4 signs the declared UNSIGNED-PAYLOAD in place of the body hash.
    const request = await sign('/', {}, '{"Catalog":"Sandbox"}', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const reason = 'x-amz-content-sha256 is UNSIGNED-PAYLOAD, which this service does not accept: the body must be signed';
    expect(verifySigV4(request, options)).toMatchObject({ valid: false, errorCode: 'InvalidSignatureException', reason });
    expect(verifySigV4({ ...request, body: '{"Catalog":"AWS"}' }, options)).toMatchObject({ valid: false, errorCode: 'InvalidSignatureException', reason });
  });

  test('X-Amz-Date must be signed', async () => {
    const request = await sign('/', {}, '{}');
    const headers = Object.entries(request.headers) as Array<[string, string]>;
    // A signature over everything but X-Amz-Date: the date could be moved without breaking it.
    const signedHeaders = headers.map(([k]) => k.toLowerCase()).filter((k) => k !== 'authorization' && k !== 'x-amz-date');
    const authorization = signatureFor({ ...request, headers }, credentials,
      { date: '20260102', region: 'us-east-1', service: 'partnercentral-account', amzDate: '20260102T030405Z' }, signedHeaders);
    const moved = headers.map(([k, v]): [string, string] => (k.toLowerCase() === 'authorization' ? [k, authorization]
      : k.toLowerCase() === 'x-amz-date' ? [k, '20260102T031000Z'] : [k, v]));
    expect(verifySigV4({ ...request, headers: moved }, options)).toMatchObject({
      valid: false, errorCode: 'InvalidSignatureException', reason: "the 'x-amz-date' header is not signed",
    });
  });
});
