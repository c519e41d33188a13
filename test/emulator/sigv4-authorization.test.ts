import { parseAuthorization } from '../../tools/emulator/sigv4-authorization';

describe('parseAuthorization', () => {
  test('splits the header', () => {
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/svc/aws4_request, SignedHeaders=Host;X-Amz-Date, Signature='
      + 'a'.repeat(64))).toEqual({
      accessKeyId: 'AK',
      date: '20150830',
      region: 'us-east-1',
      service: 'svc',
      terminator: 'aws4_request',
      signedHeaders: ['host', 'x-amz-date'],
      signature: 'a'.repeat(64),
    });
  });
});
