import * as net from 'node:net';
import { enterSandbox, handlerEndpoint, handlerEnvironment, isLoopbackHost, isLoopbackUrl } from '../../tools/rehearsal/sandbox';

describe('the offline sandbox', () => {
  test.each([
    ['localhost', true], ['127.0.0.1', true], ['127.1.2.3', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true],
    ['partnercentral-account.us-east-1.api.aws', false], ['10.0.0.1', false], ['128.0.0.1', false], ['localhost.example.com', false],
  ])('%s is local: %s', (host, local) => {
    expect(isLoopbackHost(host)).toBe(local);
  });

  test('the handler endpoint follows the SDK convention, and only a local one is accepted', () => {
    expect(handlerEndpoint({})).toBe('https://partnercentral-account.us-east-1.api.aws');
    expect(handlerEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toBe('http://127.0.0.1:1');
    expect(handlerEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: 'http://b' })).toBe('http://b');
    expect(isLoopbackUrl('http://127.0.0.1:8080/')).toBe(true);
    expect(isLoopbackUrl('ftp://127.0.0.1/')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
    const base = { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 't', region: 'us-east-1' };
    expect(handlerEnvironment({ ...base, endpoint: 'http://127.0.0.1:9' })).toMatchObject({ AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: 'http://127.0.0.1:9', AWS_SESSION_TOKEN: 't' });
    expect(() => handlerEnvironment({ ...base, endpoint: 'https://partnercentral-account.us-east-1.api.aws' }))
      .toThrow(/refusing to rehearse: the handler would call https:\/\/partnercentral-account\.us-east-1\.api\.aws, which is not the local emulator/);
  });

  test('refuses connections that leave the machine, lets local ones through, and restores everything', async () => {
    process.env.AWS_PROFILE = 'someone';
    const sandbox = enterSandbox({ AWS_REGION: 'us-east-1' });
    try {
      expect(process.env.AWS_PROFILE).toBeUndefined();
      expect(process.env.AWS_REGION).toBe('us-east-1');
      expect(() => enterSandbox({})).toThrow(/already running/);
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        net.connect({ host: '192.0.2.1', port: 443 }).on('error', resolve);
      });
      expect(error.code).toBe('ECONNREFUSED');
      const server = net.createServer((s) => s.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      await new Promise<void>((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', reject));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      expect(sandbox.blocked).toEqual(['192.0.2.1']);
    } finally {
      sandbox.restore();
    }
    expect(process.env.AWS_PROFILE).toBe('someone');
    expect(process.env.AWS_REGION).toBeUndefined();
    delete process.env.AWS_PROFILE;
  });
});
