/**
 * An Update (lambda/lifecycle/update.ts) against a scripted API: which invitation a change
 * replaces.
 */
import { ApiError } from '../../../lambda/api/errors';
import { DEFAULT_FENCE } from '../../../lambda/common/fence';
import { REAL_RUNTIME } from '../../../lambda/index';
import { onUpdate } from '../../../lambda/lifecycle/update';
import type { CreateInput, Invitation, InvitationApi } from '../../../lambda/types';
import { FIELDS } from '../../support/invitation-fields';

describe('which invitation a change replaces', () => {
  test('the old properties, not the API spelling of the receiver, decide that a wording change keeps the relationship', async () => {
    const oldId = 'pacinv-AAAAAAAAAAAAA';
    const newId = 'pacinv-BBBBBBBBBBBBB';
    const calls: string[] = [];
    let creates = 0;
    const api: InvitationApi = {
      createConnectionInvitation: async (input: CreateInput) => {
        calls.push(`create ${input.Message}`);
        if (++creates === 1) {
          throw new ApiError('CreateConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', details: [] });
        }
        return { Id: newId, Status: 'PENDING' };
      },
      // The service answers the receiver in a form other than the one that was sent.
      getConnectionInvitation: async (_catalog, id) => {
        calls.push(`get ${id}`);
        return { Id: id, Status: 'PENDING', Catalog: 'Sandbox', ConnectionType: FIELDS.ConnectionType, OtherParticipantIdentifier: 'PPROFILE-1', InvitationMessage: FIELDS.Message } as Invitation;
      },
      cancelConnectionInvitation: async (_catalog, id) => {
        calls.push(`cancel ${id}`);
        return { Id: id, Status: 'CANCELED' };
      },
      listConnectionInvitations: async () => {
        throw new Error('not expected');
      },
    };
    const outcome = await onUpdate({
      RequestType: 'Update',
      ResponseURL: 'https://example.invalid/response',
      StackId: 'arn:aws:cloudformation:eu-central-1:111122223333:stack/S/1',
      RequestId: 'r-1',
      LogicalResourceId: 'Invite',
      ResourceType: 'Custom::PartnerCentralConnectionInvitation',
      PhysicalResourceId: oldId,
      ResourceProperties: { ...FIELDS, Message: 'Reworded' },
      OldResourceProperties: FIELDS,
    }, {
      api,
      deadline: Date.now() + 60_000,
      times: { issuedAt: Date.now(), fromResponseUrl: false, createFence: Date.now() + 60_000 },
      fence: DEFAULT_FENCE,
      runtime: REAL_RUNTIME,
      progress: { createSent: false, createMayExist: false },
    });
    expect(outcome).toMatchObject({ status: 'SUCCESS', physicalResourceId: newId });
    expect(calls).toEqual([`get ${oldId}`, 'create Reworded', `cancel ${oldId}`, 'create Reworded']);
  });
});
