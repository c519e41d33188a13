/**
 * What the emulator records of a request and the log line it writes of it
 * (tools/emulator/call-record.ts): the parsed input and headers, no personal data in the log.
 */
import { CreateConnectionInvitationCommand } from '@aws-sdk/client-partnercentral-account';
import { client, CREATE, failure, start, stopEmulators } from '../support/emulator-sdk';

afterEach(stopEmulators);

describe('observability', () => {
  test('calls record the parsed input and headers; the log says what happened without personal data', async () => {
    const lines: string[] = [];
    const emulator = await start({ log: (l) => lines.push(l) });
    await client(emulator).send(new CreateConnectionInvitationCommand(CREATE));
    await failure(client(emulator).send(new CreateConnectionInvitationCommand({ ...CREATE, Message: 'changed' })));
    expect(emulator.calls[0].input).toEqual(CREATE);
    expect(emulator.calls[0].headers['x-amz-target']).toBe('PartnerCentralAccount.CreateConnectionInvitation');
    expect(lines).toEqual([
      'POST CreateConnectionInvitation 200',
      'POST CreateConnectionInvitation 409 ConflictException CONFLICT_CLIENT_TOKEN',
    ]);
    expect(lines.join('\n')).not.toMatch(/example\.com|Pat|co-sell|AKID|secret/);
  });
});
