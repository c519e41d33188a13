/**
 * The official PartnerCentral Account client as a reference for tests: a client configured for
 * a local emulator, and the exact request the client would send for an input.
 */
import { Readable } from 'node:stream';
import {
  AcceptConnectionInvitationCommand,
  CancelConnectionCommand,
  GetConnectionCommand,
  ListConnectionsCommand,
  RejectConnectionInvitationCommand,
  CancelConnectionInvitationCommand,
  CreateConnectionInvitationCommand,
  GetConnectionInvitationCommand,
  ListConnectionInvitationsCommand,
  PartnerCentralAccountClient,
  PartnerCentralAccountClientConfig,
} from '@aws-sdk/client-partnercentral-account';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../tools/emulator/credentials';
import type { Operation } from '../../tools/emulator/model';
import { PartnerCentralEmulator } from '../../tools/emulator/server';

/** The session token the test clients send. */
export const TEST_SESSION_TOKEN = 'test-session-token';

/** Credentials the default emulator accepts, with a session token as Lambda's always have. */
export const TEST_CREDENTIALS = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
  sessionToken: TEST_SESSION_TOKEN,
};

/**
 * A client for an emulator: us-east-1, the default credentials, no retries (unless overridden).
 *
 * @param emulator the emulator to talk to
 * @param overrides any client configuration to change
 */
export function emulatorClient(
  emulator: PartnerCentralEmulator,
  overrides: Partial<PartnerCentralAccountClientConfig> = {},
): PartnerCentralAccountClient {
  return new PartnerCentralAccountClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...overrides,
  });
}

/** A request exactly as the SDK client puts it on the wire (after serialization and signing). */
export interface SdkWireRequest {
  /** HTTP method (`POST`). */
  readonly method: string;
  /** Path (`/`). */
  readonly path: string;
  /** Headers with lower-case names (content-type, x-amz-target, authorization, ...). */
  readonly headers: Record<string, string>;
  /** The body as the SDK serialized it (member order included). */
  readonly body: string;
  /** The body parsed. */
  readonly json: Record<string, unknown>;
}

type AnyInput = Record<string, unknown>;

function commandFor(operation: Operation, input: AnyInput) {
  switch (operation) {
    case 'CreateConnectionInvitation':
      return new CreateConnectionInvitationCommand(input as never);
    case 'GetConnectionInvitation':
      return new GetConnectionInvitationCommand(input as never);
    case 'CancelConnectionInvitation':
      return new CancelConnectionInvitationCommand(input as never);
    case 'ListConnectionInvitations':
      return new ListConnectionInvitationsCommand(input as never);
    case 'AcceptConnectionInvitation':
      return new AcceptConnectionInvitationCommand(input as never);
    case 'RejectConnectionInvitation':
      return new RejectConnectionInvitationCommand(input as never);
    case 'GetConnection':
      return new GetConnectionCommand(input as never);
    case 'ListConnections':
      return new ListConnectionsCommand(input as never);
    case 'CancelConnection':
      return new CancelConnectionCommand(input as never);
  }
}

/**
 * Captures the request the official SDK client sends for an operation and input, without any
 * network: the client's terminal HTTP handler records the signed request and answers `{}`.
 *
 * Pass a ClientToken for Create and Cancel: the SDK generates a random one when it is missing.
 *
 * @param operation the operation
 * @param input the operation input, as the SDK command takes it
 * @param config client configuration to change (region, credentials, ...)
 */
export async function serializeWithSdk(
  operation: Operation,
  input: AnyInput,
  config: Partial<PartnerCentralAccountClientConfig> = {},
): Promise<SdkWireRequest> {
  let captured: HttpRequest | undefined;
  const client = new PartnerCentralAccountClient({
    region: 'us-east-1',
    endpoint: 'https://partnercentral-account.us-east-1.api.aws',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...config,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        captured = request;
        const body = Readable.from([Buffer.from('{}')]);
        return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body }) };
      },
    },
  });
  try {
    await client.send(commandFor(operation, input) as never);
  } finally {
    client.destroy();
  }
  if (!captured) throw new Error('the SDK sent no request');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(captured.headers)) headers[k.toLowerCase()] = v;
  const raw = captured.body as string | Uint8Array;
  const body = typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  return { method: captured.method, path: captured.path, headers, body, json: JSON.parse(body) as Record<string, unknown> };
}
