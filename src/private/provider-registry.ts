/**
 * What the invitations and accepters of one stack registered with its provider, and the rules
 * they must keep between them: one invitation per receiver, catalog and connection type, one
 * accepter per invitation, one log retention, and a provider configured once, before the first of
 * them. It makes no construct: the provider asks it, and renders what it holds.
 */
import { Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { RolePolicyInputs } from './provider-policy';
import type { InvitationProviderProps } from '../invitation-provider';

/** The log retention when no invitation of the stack asks for one. */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** What one invitation asks of its stack's provider. */
export interface ProviderRequest {
  /** The invitation's catalog name (may be a token). */
  readonly catalog: string;
  /** The invitation's connection type (may be a token). */
  readonly connectionType: string;
  /** The invitation's receiver (may be a token). */
  readonly receiverIdentifier: string;
  /** The log retention the invitation asks for; `undefined` for no preference. */
  readonly logRetention?: logs.RetentionDays;
}

/** What one accepter asks of its stack's provider. */
export interface AccepterProviderRequest {
  /** The accepter's catalog name (may be a token). */
  readonly catalog: string;
  /** Whether the accepter names its invitation by the sender (the handler then lists the invitations received). */
  readonly bySender: boolean;
  /** Whether the accepter cancels its connection type when it is deleted. */
  readonly cancelOnDelete: boolean;
  /**
   * What names the accepter's invitation, as far as it is known at synth time (an invitation id,
   * or the sender, connection type and catalog); two accepters of a stack must not name the same.
   */
  readonly invitationKey: string;
}

/** The configuration a provider was made with (`InvitationProvider.configure`), and where. */
export interface ProviderConfiguration {
  readonly props: InvitationProviderProps;
  /** The construct path of the scope `configure` was given. */
  readonly configuredAt: string;
}

/**
 * Why the provider's construct path `providerPath` cannot be used: another construct holds it,
 * maybe the provider of another copy of this library (`ofAnotherCopy`).
 */
export function reservedIdProblem(providerPath: string, ofAnotherCopy: boolean): string {
  return `${providerPath} is reserved for the connection invitation provider, but another construct has that id`
    + (ofAnotherCopy ? ' (the provider of another copy of cdk-partnercentral in this app: '
      + 'install one copy, for example with `npm dedupe`, and check with `npm ls cdk-partnercentral`)' : '');
}

/** The invitations and accepters of one stack's provider, as they registered. */
export class ProviderRegistry {
  private readonly catalogs = new Set<string>();
  /** The construct path of the first invitation registered, and how many there are. */
  private firstInvitation?: string;
  private invitations = 0;
  /** How many accepters the stack has: they share the function, and so its reservation. */
  private accepters = 0;
  /** Construct path of the invitation to each known catalog, connection type and receiver. */
  private readonly receivers = new Map<string, string>();
  private retention?: { readonly days: logs.RetentionDays; readonly askedBy: string };
  /** The construct path of the first accepter registered. */
  private firstAccepter?: string;
  /** The catalogs of the stack's accepters: all of them, and those that name a sender. */
  private readonly accepterCatalogs = new Set<string>();
  private readonly senderSearchCatalogs = new Set<string>();
  /** Construct path of the accepter of each invitation key. */
  private readonly accepterKeys = new Map<string, string>();

  /** What `InvitationProvider.configure` gave, if the provider was made by it. */
  public readonly configuration?: ProviderConfiguration;

  public constructor(configuration?: ProviderConfiguration) {
    this.configuration = configuration;
  }

  /** Whether an invitation or an accepter registered. */
  public get inUse(): boolean {
    return this.firstInvitation !== undefined || this.firstAccepter !== undefined;
  }

  /** Whether an accepter registered. */
  public get hasAccepters(): boolean {
    return this.firstAccepter !== undefined;
  }

  /**
   * What keeps `InvitationProvider.configure` from configuring this provider: it was configured
   * before, or made with the defaults by an invitation or an accepter.
   */
  public configurationProblems(): string[] {
    if (this.configuration !== undefined) {
      return [`the stack's provider was already configured at ${this.configuration.configuredAt}: a stack's provider is `
        + 'configured once, so pass every option in one call to InvitationProvider.configure'];
    }
    if (this.firstInvitation === undefined) {
      return [`the stack's provider was already made with the defaults for the accepter ${this.firstAccepter}: `
        + 'call InvitationProvider.configure before the stack\'s first ConnectionInvitation or ConnectionInvitationAccepter'];
    }
    return [`the stack's provider was already made with the defaults for the invitation ${this.firstInvitation}: `
      + 'call InvitationProvider.configure before the stack\'s first ConnectionInvitation'];
  }

  /** The problems `request` of the invitation at `invitationPath` has with what is already registered. */
  public conflicts(invitationPath: string, request: ProviderRequest): string[] {
    const problems: string[] = [];
    const key = receiverKey(request);
    const first = key === undefined ? undefined : this.receivers.get(key);
    if (first !== undefined) {
      // Partner Central keeps one pending invitation per receiver, catalog and connection type:
      // the second one would fail at deploy time with DUPLICATE_CONNECTION_INVITATION.
      problems.push(`${invitationPath} invites ${request.receiverIdentifier} (${request.connectionType}, catalog ${request.catalog}) as ${first} `
        + 'already does: Partner Central accepts one pending invitation per receiver, catalog and connection type, '
        + 'so declare one invitation per receiver');
    }
    const configured = this.configuration;
    if (request.logRetention !== undefined && configured?.props.logGroup !== undefined) {
      problems.push(`\`logRetention\` of ${invitationPath} cannot apply: the stack's provider writes to the log group given to `
        + `InvitationProvider.configure at ${configured.configuredAt}, whose retention is its own: remove logRetention`);
    } else if (request.logRetention !== undefined && configured?.props.logRetention !== undefined
      && configured.props.logRetention !== request.logRetention) {
      problems.push(`\`logRetention\` of ${invitationPath} (${describeRetention(request.logRetention)}) differs from that of `
        + `the provider configured at ${configured.configuredAt} (${describeRetention(configured.props.logRetention)}): `
        + 'remove logRetention from the invitation (it is deprecated in favour of the configuration)');
    } else if (request.logRetention !== undefined && this.retention !== undefined && this.retention.days !== request.logRetention) {
      problems.push(`\`logRetention\` of ${invitationPath} (${describeRetention(request.logRetention)}) differs from that of `
        + `${this.retention.askedBy} (${describeRetention(this.retention.days)}): the invitations of a stack share `
        + 'one handler and one log group, so give them the same logRetention or leave it unset on all but one');
    }
    return problems;
  }

  /** The problems `request` of the accepter at `accepterPath` has with the accepters already registered. */
  public accepterConflicts(accepterPath: string, request: AccepterProviderRequest): string[] {
    const first = this.accepterKeys.get(request.invitationKey);
    return first === undefined ? [] : [`${accepterPath} accepts the invitation that ${first} already accepts: `
      + 'an invitation is accepted once, so declare one accepter per invitation'];
  }

  /** Registers the invitation at `invitationPath`; `conflicts` found nothing. */
  public register(invitationPath: string, request: ProviderRequest): void {
    this.firstInvitation ??= invitationPath;
    this.invitations += 1;
    this.catalogs.add(request.catalog);
    const key = receiverKey(request);
    if (key !== undefined) this.receivers.set(key, invitationPath);
    if (request.logRetention !== undefined && this.retention === undefined) {
      this.retention = { days: request.logRetention, askedBy: invitationPath };
    }
  }

  /** Registers the accepter at `accepterPath`; `accepterConflicts` found nothing. */
  public registerAccepter(accepterPath: string, request: AccepterProviderRequest): void {
    this.firstAccepter ??= accepterPath;
    this.accepters += 1;
    this.accepterCatalogs.add(request.catalog);
    if (request.bySender) this.senderSearchCatalogs.add(request.catalog);
    this.accepterKeys.set(request.invitationKey, accepterPath);
  }

  /**
   * The configured reserved concurrency when the invitations and accepters registered (whose
   * requests all run on the one function) have just come to outnumber it, by one: the moment to
   * warn, once. `undefined` otherwise, and when no reservation (or a token) is configured.
   */
  public justOutnumberedReservation(): number | undefined {
    const reserved = this.configuration?.props.reservedConcurrentExecutions;
    if (reserved === undefined || Token.isUnresolved(reserved) || this.invitations + this.accepters !== reserved + 1) return undefined;
    return reserved;
  }

  /** What the role's statements are made from (`roleStatements`), as registered now. */
  public policyInputs(where: Pick<RolePolicyInputs, 'logGroupArn' | 'logStreamsArn' | 'inVpc'>): RolePolicyInputs {
    return {
      ...where,
      invitationCatalogs: [...this.catalogs],
      accepterCatalogs: [...this.accepterCatalogs],
      senderSearchCatalogs: [...this.senderSearchCatalogs],
    };
  }

  /**
   * The log group's retention in days: the configured one, else the first invitation's, else
   * the default; `undefined` for never expire.
   */
  public retentionDays(): number | undefined {
    const days = this.configuration?.props.logRetention ?? this.retention?.days ?? DEFAULT_LOG_RETENTION;
    return days === logs.RetentionDays.INFINITE ? undefined : days;
  }
}

/** The key of a receiver, catalog and connection type, or `undefined` when one of them is a token. */
function receiverKey(request: ProviderRequest): string | undefined {
  const { catalog, connectionType, receiverIdentifier } = request;
  if ([catalog, connectionType, receiverIdentifier].some((v) => Token.isUnresolved(v))) return undefined;
  return JSON.stringify([catalog, connectionType, receiverIdentifier]);
}

function describeRetention(days: logs.RetentionDays): string {
  if (Token.isUnresolved(days)) return 'a token';
  return days === logs.RetentionDays.INFINITE ? 'never expire' : `${days} days`;
}
