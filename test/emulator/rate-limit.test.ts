/**
 * The emulator's rate limit (tools/emulator/rate-limit.ts) as the official client meets it: 429
 * ThrottlingException with its ServiceCode and QuotaCode, refilled on the emulator's clock.
 */
import { ListConnectionInvitationsCommand, ThrottlingException } from '@aws-sdk/client-partnercentral-account';
import { THROTTLING_QUOTA_CODE, THROTTLING_SERVICE_CODE } from '../../tools/emulator/model';
import { client, manualClock, start, stopEmulators } from '../support/emulator-sdk';

afterEach(stopEmulators);

describe('rate limit', () => {
  test('a burst beyond the bucket gets 429 ThrottlingException with ServiceCode and QuotaCode; time refills it', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.now, rateLimit: { ratePerSecond: 2, burst: 3 } });
    const pc = client(emulator);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const throttled = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as ThrottlingException);
    expect(throttled).toHaveLength(2);
    for (const t of throttled) {
      expect(t).toBeInstanceOf(ThrottlingException);
      expect(t.$metadata.httpStatusCode).toBe(429);
      expect(t.ServiceCode).toBe(THROTTLING_SERVICE_CODE);
      expect(t.QuotaCode).toBe(THROTTLING_QUOTA_CODE);
    }
    clock.advance(500);
    await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    await expect(pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }))).rejects.toBeInstanceOf(ThrottlingException);
    emulator.setRateLimit(undefined);
    await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
  });
});
