/**
 * A small AWS JSON 1.0 client of the PartnerCentral Account API: the operations the handler
 * uses (the sender's four for invitations, Accept, GetConnection and CancelConnection for
 * accepters), their inputs in the model's order and the shapes their answers must have; each
 * call is a loop of attempts (./call.ts) that follows the retry policy of `../retry` until an
 * answer or the deadline.
 *
 * Tests point it at a local emulator through the endpoint variables, exactly as the AWS SDK
 * would be pointed.
 */
import { callOperation, type CallOptions } from './call';
import { ConfigError } from './errors';
import { signerFor, type RequestSigner } from './signer';
import { CONNECTION_ID_PATTERN, INVITATION_ID_PATTERN, INVITATION_STATUSES, PARTNER_CENTRAL_REGION } from '../../src/api-constraints';
import { isRecord, str, timestampMs } from '../json';
import type { Connection, ConnectionApi, CreateInput, Credentials, Invitation, InvitationApi, ListInput } from '../types';

/** The service runs in this region only, whatever region the stack is in. */
export const SIGNING_REGION = PARTNER_CENTRAL_REGION;
/** The SigV4 signing name of the service. */
export const SIGNING_SERVICE = 'partnercentral-account';

/** Options of {@link PartnerCentralClient}. */
export interface ClientOptions extends CallOptions {
  /** The endpoint URL (http: or https:). */
  readonly endpoint: string;
  /** Credentials, or undefined when the environment has none (calls then fail with ConfigError). */
  readonly credentials?: Credentials;
}

/** The PartnerCentral Account client. */
export class PartnerCentralClient implements InvitationApi, ConnectionApi {
  private readonly url: URL | undefined;
  private readonly signer: RequestSigner | undefined;

  /** Never throws: a bad endpoint or missing credentials fail the first call with a ConfigError. */
  constructor(private readonly options: ClientOptions) {
    try {
      const url = new URL(options.endpoint);
      this.url = url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
    } catch {
      this.url = undefined;
    }
    this.signer = options.credentials ? signerFor(options.credentials, SIGNING_SERVICE, SIGNING_REGION) : undefined;
  }

  /** CreateConnectionInvitation; members serialized in the model's order, as the SDK does. */
  public createConnectionInvitation(input: CreateInput, deadline: number): Promise<Invitation> {
    return this.call('CreateConnectionInvitation', {
      Catalog: input.Catalog,
      ConnectionType: input.ConnectionType,
      Email: input.Email,
      Message: input.Message,
      Name: input.Name,
      ReceiverIdentifier: input.ReceiverIdentifier,
      ClientToken: input.ClientToken,
    }, deadline, isInvitationAnswer);
  }

  /** GetConnectionInvitation. */
  public getConnectionInvitation(catalog: string, identifier: string, deadline: number): Promise<Invitation> {
    return this.call('GetConnectionInvitation', { Catalog: catalog, Identifier: identifier }, deadline, isInvitationAnswer);
  }

  /** CancelConnectionInvitation. */
  public cancelConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Invitation> {
    return this.call('CancelConnectionInvitation', { Catalog: catalog, Identifier: identifier, ClientToken: clientToken }, deadline, isInvitationAnswer);
  }

  /** ListConnectionInvitations (one page). */
  public async listConnectionInvitations(input: ListInput, deadline: number): Promise<{ summaries: Invitation[]; nextToken?: string }> {
    const body: Record<string, unknown> = { Catalog: input.Catalog };
    if (input.NextToken !== undefined) body.NextToken = input.NextToken;
    if (input.ConnectionType !== undefined) body.ConnectionType = input.ConnectionType;
    if (input.MaxResults !== undefined) body.MaxResults = input.MaxResults;
    if (input.OtherParticipantIdentifiers !== undefined) body.OtherParticipantIdentifiers = input.OtherParticipantIdentifiers;
    if (input.ParticipantType !== undefined) body.ParticipantType = input.ParticipantType;
    if (input.Status !== undefined) body.Status = input.Status;
    const out = await this.call('ListConnectionInvitations', body, deadline, isListAnswer);
    return { summaries: out.ConnectionInvitationSummaries as Invitation[], nextToken: str(out.NextToken) };
  }

  /** AcceptConnectionInvitation: the connection it made or extended. */
  public async acceptConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Connection> {
    const out = await this.call('AcceptConnectionInvitation', { Catalog: catalog, Identifier: identifier, ClientToken: clientToken }, deadline,
      (v) => isRecord(v.Connection) && isConnectionAnswer(v.Connection));
    return out.Connection as Connection;
  }

  /** GetConnection. */
  public getConnection(catalog: string, identifier: string, deadline: number): Promise<Connection> {
    return this.call('GetConnection', { Catalog: catalog, Identifier: identifier }, deadline, isConnectionAnswer);
  }

  /** CancelConnection: ends one connection type. */
  public cancelConnection(
    catalog: string, identifier: string, connectionType: string, reason: string, clientToken: string, deadline: number,
  ): Promise<Connection> {
    return this.call('CancelConnection', {
      Catalog: catalog, Identifier: identifier, ConnectionType: connectionType, Reason: reason, ClientToken: clientToken,
    }, deadline, isConnectionAnswer);
  }

  /**
   * Calls one operation with the client's endpoint and signer: its attempts and their retries
   * are `callOperation`'s (./call.ts).
   *
   * @param wellFormed whether a 2xx JSON answer has the operation's shape
   * @throws ConfigError when the endpoint is not an http: or https: URL, or there are no credentials
   */
  public async call(
    operation: string, input: Record<string, unknown>, deadline: number, wellFormed: (v: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>> {
    const url = this.url;
    if (!url) {
      throw new ConfigError('The PartnerCentral endpoint (AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT or AWS_ENDPOINT_URL) is not a valid http: or https: URL');
    }
    const signer = this.signer;
    if (!signer) {
      throw new ConfigError('No AWS credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
    }
    return callOperation({ ...this.options, url, signer }, operation, input, deadline, wellFormed);
  }
}

/** An invitation answer (Create, Get, Cancel) names an invitation id and a known status. */
function isInvitationAnswer(v: Record<string, unknown>): v is Invitation {
  return typeof v.Id === 'string' && INVITATION_ID_PATTERN.test(v.Id)
    && typeof v.Status === 'string' && (INVITATION_STATUSES as readonly string[]).includes(v.Status);
}

/** A connection answer (Accept's `Connection`, Get, Cancel) names a connection id and carries its types as an object. */
function isConnectionAnswer(v: Record<string, unknown>): boolean {
  return typeof v.Id === 'string' && CONNECTION_ID_PATTERN.test(v.Id) && isRecord(v.ConnectionTypes);
}

/**
 * A List answer carries its summaries as a list, each one a record with an invitation id, a
 * known status and a readable `CreatedAt`: the sweep decides from these, so a summary without
 * them makes the whole page unreadable (retried, then a clear FAILED), never "nothing to do".
 */
function isListAnswer(v: Record<string, unknown>): boolean {
  const summaries = v.ConnectionInvitationSummaries;
  return Array.isArray(summaries) && summaries.every((s) => isRecord(s) && isInvitationAnswer(s) && timestampMs(s.CreatedAt) !== undefined);
}
