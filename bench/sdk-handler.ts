/**
 * The comparison point of the cold-load benchmark: the same custom resource job as the
 * library's handler (create, read on update, replace on a changed input, cancel a pending
 * invitation on delete, answer CloudFormation at the ResponseURL), written on the AWS SDK's
 * `@aws-sdk/client-partnercentral-account`. The benchmark bundles it with esbuild the way a
 * user would (`--bundle --minify --platform=node --target=node22`) and times loading it.
 */
import { createHash } from 'crypto';
import { request } from 'https';
// The comparison point of the benchmarks, never a dependency of the library: a devDependency on purpose.
import {
  CancelConnectionInvitationCommand,
  ConnectionType,
  CreateConnectionInvitationCommand,
  GetConnectionInvitationCommand,
  GetConnectionInvitationCommandOutput,
  PartnerCentralAccountClient,
} from '@aws-sdk/client-partnercentral-account';
import type { InvitationResourceProperties } from '../src/contract';

/** The resource properties, as the library's construct sends them. */
type InvitationProps = Omit<InvitationResourceProperties, 'ClientToken'>;

interface CloudFormationEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly RequestId: string;
  readonly StackId: string;
  readonly LogicalResourceId: string;
  readonly ResponseURL: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: InvitationProps;
  readonly OldResourceProperties?: InvitationProps;
}

// PARTNER_CENTRAL_REGION, written out as a user's handler would: importing src/api-constraints.ts
// would bundle that module (about 1.7 KB) into the comparison point the cold-load benchmark times.
const client = new PartnerCentralAccountClient({ region: 'us-east-1' });

const INPUT_KEYS: (keyof InvitationProps)[] = ['Catalog', 'ConnectionType', 'Email', 'Message', 'Name', 'ReceiverIdentifier'];

function clientToken(event: CloudFormationEvent): string {
  return createHash('sha256').update(`${event.StackId}|${event.LogicalResourceId}|${event.RequestId}`).digest('hex').slice(0, 64);
}

function data(inv: GetConnectionInvitationCommandOutput): Record<string, string> {
  const s = (v: unknown): string => (v instanceof Date ? v.toISOString() : v === undefined ? '' : String(v));
  return {
    Id: s(inv.Id),
    Arn: s(inv.Arn),
    Catalog: s(inv.Catalog),
    ConnectionType: s(inv.ConnectionType),
    Status: s(inv.Status),
    CreatedAt: s(inv.CreatedAt),
    UpdatedAt: s(inv.UpdatedAt),
    ExpiresAt: s(inv.ExpiresAt),
    ConnectionId: s(inv.ConnectionId),
    OtherParticipantIdentifier: s(inv.OtherParticipantIdentifier),
    ParticipantType: s(inv.ParticipantType),
    InviterEmail: s(inv.InviterEmail),
    InviterName: s(inv.InviterName),
  };
}

async function create(event: CloudFormationEvent): Promise<{ id: string; data: Record<string, string> }> {
  const p = event.ResourceProperties;
  const out = await client.send(new CreateConnectionInvitationCommand({
    Catalog: p.Catalog,
    ConnectionType: p.ConnectionType as ConnectionType,
    Email: p.Email,
    Message: p.Message,
    Name: p.Name,
    ReceiverIdentifier: p.ReceiverIdentifier,
    ClientToken: clientToken(event),
  }));
  return { id: out.Id!, data: data(out) };
}

async function lifecycle(event: CloudFormationEvent): Promise<{ id: string; data: Record<string, string> }> {
  const p = event.ResourceProperties;
  switch (event.RequestType) {
    case 'Create':
      return create(event);
    case 'Update': {
      const old = event.OldResourceProperties;
      if (old && INPUT_KEYS.some((k) => old[k] !== p[k])) return create(event);
      const out = await client.send(new GetConnectionInvitationCommand({ Catalog: p.Catalog, Identifier: event.PhysicalResourceId! }));
      return { id: out.Id!, data: data(out) };
    }
    case 'Delete': {
      const id = event.PhysicalResourceId!;
      const got = await client.send(new GetConnectionInvitationCommand({ Catalog: p.Catalog, Identifier: id }))
        .catch((e: Error) => (e.name === 'ResourceNotFoundException' ? undefined : Promise.reject(e)));
      if (got?.Status === 'PENDING') {
        await client.send(new CancelConnectionInvitationCommand({ Catalog: p.Catalog, Identifier: id, ClientToken: clientToken(event) }));
      }
      return { id, data: {} };
    }
  }
}

function respond(event: CloudFormationEvent, body: object): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(event.ResponseURL, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The Lambda entry point. */
export async function handler(event: CloudFormationEvent): Promise<void> {
  const base = { RequestId: event.RequestId, StackId: event.StackId, LogicalResourceId: event.LogicalResourceId };
  try {
    const result = await lifecycle(event);
    await respond(event, { ...base, Status: 'SUCCESS', PhysicalResourceId: result.id, Data: result.data });
  } catch (e) {
    await respond(event, {
      ...base,
      Status: 'FAILED',
      PhysicalResourceId: event.PhysicalResourceId ?? 'create-failed',
      Reason: (e as Error).name,
    });
  }
}
