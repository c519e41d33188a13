/**
 * The handler's configuration (lambda/config.ts): which endpoint the environment it is given
 * names.
 */
import { DEFAULT_ENDPOINT, endpointOf } from '../../lambda/config';

describe('configuration, read on every invocation', () => {
  test('the endpoint: AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT, then AWS_ENDPOINT_URL, then the public one', () => {
    expect(endpointOf({ AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: 'http://a', AWS_ENDPOINT_URL: 'http://b' })).toBe('http://a');
    expect(endpointOf({ AWS_ENDPOINT_URL: 'http://b' })).toBe('http://b');
    expect(endpointOf({ AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: '', AWS_ENDPOINT_URL: '' })).toBe(DEFAULT_ENDPOINT);
    expect(DEFAULT_ENDPOINT).toBe('https://partnercentral-account.us-east-1.api.aws');
  });
});
