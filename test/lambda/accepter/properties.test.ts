/**
 * The accepter's properties (lambda/accepter/properties.ts): the invitation's ARN or id, the
 * whole seconds of WaitSeconds up to the construct's limit, which the handler can honour.
 */
import { sameTarget } from '../../../lambda/accepter/decide-update';
import { readAccepterProperties } from '../../../lambda/accepter/properties';
import { isSenderIdentifier } from '../../../src/api-constraints';
import { ACCEPTER_MAX_WAIT_SECONDS } from '../../../src/contract';
import { ID } from '../../support/accepter-decisions';

test('properties: an ARN gives its id and must be of the Catalog; WaitSeconds is whole seconds; sameTarget ignores the delete options', () => {
  const arn = `arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${ID}`;
  const byArn = readAccepterProperties({ Catalog: 'Sandbox', InvitationIdentifier: arn });
  expect(byArn).toMatchObject({ ok: true, props: { target: { by: 'id', id: ID } } });
  expect(readAccepterProperties({ Catalog: 'AWS', InvitationIdentifier: arn })).toMatchObject({ ok: false, problems: [expect.stringContaining('not of Catalog')] });
  expect(readAccepterProperties({ Catalog: 'AWS', SenderIdentifier: '111111111111', ConnectionType: 'SUBSIDIARY', WaitSeconds: '1.5' }))
    .toMatchObject({ ok: false, problems: [expect.stringContaining('WaitSeconds must be a whole number')] });
  // The construct's limit, from src/contract.ts: the handler takes what the construct allows, and no more.
  const waiting = (seconds: number) => readAccepterProperties({ Catalog: 'AWS', SenderIdentifier: '111111111111', ConnectionType: 'SUBSIDIARY', WaitSeconds: String(seconds) });
  expect(waiting(ACCEPTER_MAX_WAIT_SECONDS)).toMatchObject({ ok: true, props: { waitMs: ACCEPTER_MAX_WAIT_SECONDS * 1000 } });
  expect(waiting(ACCEPTER_MAX_WAIT_SECONDS + 1))
    .toMatchObject({ ok: false, problems: [expect.stringContaining(`WaitSeconds must be a whole number of seconds from 0 to ${ACCEPTER_MAX_WAIT_SECONDS}`)] });
  const withCancel = readAccepterProperties({ Catalog: 'Sandbox', InvitationIdentifier: ID, CancelOnDelete: 'true', CancelReason: 'done' });
  if (!byArn.ok || !withCancel.ok) throw new Error('expected valid properties');
  expect(sameTarget(byArn.props, withCancel.props)).toBe(true);
});

test.each(['111111111111', 'pprofile-0123456789abc', 'not-a-sender', '11111111111', 'pprofile-short', 'pac-0123456789abc'])(
  'SenderIdentifier %j: the handler takes exactly the senders the construct takes (isSenderIdentifier)', (sender) => {
    const read = readAccepterProperties({ Catalog: 'AWS', SenderIdentifier: sender, ConnectionType: 'SUBSIDIARY' });
    expect(read.ok).toBe(isSenderIdentifier(sender));
    if (!read.ok) expect(read.problems).toEqual([`SenderIdentifier must be the sender's 12-digit AWS account id or its partner profile id (pprofile- and 13 letters or digits) (got ${JSON.stringify(sender)})`]);
  });
