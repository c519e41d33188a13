/**
 * The outcome of a rehearsal, as the CLI prints it and `--json` writes it: the stacks, every
 * event sent, notes, warnings and why it stopped. Never carries e-mails, names or messages
 * (see ./redaction.ts).
 */

/** One invitation as deployed. */
export interface InvitationRow {
  /** The logical id in the template. */
  readonly logicalId: string;
  /** The construct path within the stack (`AcmeInvitation`), when the template records it. */
  readonly constructPath?: string;
  /** The invitation id (the physical id). */
  readonly invitationId: string;
  /** The status the handler returned. */
  readonly status: string;
  /** The invitation ARN the handler returned. */
  readonly arn: string;
  /** Whether `DeletionPolicy: Retain` keeps it when the stack is deleted. */
  readonly retain: boolean;
}

/** One accepter as deployed: the invitation it accepted and the connection that made. */
export interface AccepterRow {
  /** The logical id in the template. */
  readonly logicalId: string;
  /** The construct path within the stack, when the template records it. */
  readonly constructPath?: string;
  /** The accepted invitation's id (the physical id). */
  readonly invitationId: string;
  /** The accepted invitation's ARN the handler returned. */
  readonly invitationArn: string;
  /** The invitation's status in the emulator after the Create (ACCEPTED). */
  readonly invitationStatus: string;
  /** The connection id the handler returned (`pac-...`). */
  readonly connectionId: string;
  /** The status of the accepted connection type (ACTIVE). */
  readonly connectionStatus: string;
  /** The sender's AWS account id, as the connection names it. */
  readonly otherParticipantAccountId: string;
}

/** Who answered an invitation of the app after the deploy, and where that left it. */
export interface AnswerRow {
  /** The sending stack's display name. */
  readonly stack: string;
  /** The invitation's logical id. */
  readonly logicalId: string;
  /** Its construct path within the stack, when the template records it. */
  readonly constructPath?: string;
  /** The invitation id. */
  readonly invitationId: string;
  /** The connection type. */
  readonly connectionType: string;
  /** The receiver as the sender named it (partner profile id or AWS account id). */
  readonly receiver: string;
  /** Whether the receiver is the account of one of the app's stacks. */
  readonly receiverInApp: boolean;
  /** The app's accepter that accepted it (`Stack/Resource`), when one did. */
  readonly accepter?: string;
  /** The answer `--receiver` played for a receiver outside the app, when it is not in the app. */
  readonly answer?: ReceiverAnswer;
  /** The invitation's status in the emulator after the answers. */
  readonly status: string;
  /** The connection the acceptance made, when it is ACCEPTED. */
  readonly connectionId?: string;
  /** The status of the invitation's connection type in that connection (ACTIVE, CANCELED). */
  readonly connectionStatus?: string;
}

/** What `--receiver` plays for each invitation whose receiver is not in the app. */
export type ReceiverAnswer = 'accept' | 'reject' | 'ignore' | 'expire';

/** One output of a stack. */
export interface OutputRow {
  /** The output's logical id. */
  readonly name: string;
  /** The value; `<not rehearsed: ...>` when it comes from a resource the rehearsal does not create. */
  readonly value: string;
  /** The intrinsic that kept the value from being resolved. */
  readonly notRehearsed?: string;
  /** The export name, when the output is exported. */
  readonly exportName?: string;
  /**
   * Why the value is not rehearsed, when it reads another stack's output with
   * `Fn::GetStackOutput` (naming that stack and output); also one of the result's warnings.
   */
  readonly warning?: string;
}

/** One stack of the rehearsal. */
export interface StackReport {
  /** The name the CDK CLI shows. */
  readonly displayName: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The account the stack was rehearsed in. */
  readonly account: string;
  /** The region the stack was rehearsed in. */
  readonly region: string;
  /** Whether the stack was deployed (false after a failure in it or in an earlier one). */
  readonly deployed: boolean;
  /** The invitations created, in creation order. */
  readonly invitations: InvitationRow[];
  /** The accepters created, in creation order. */
  readonly accepters: AccepterRow[];
  /** The outputs, in template order. */
  readonly outputs: OutputRow[];
  /** Things worth knowing (skipped resources, transforms). */
  readonly notes: string[];
}

/** The phases of a rehearsal. */
export type Phase = 'deploy' | 'rollback' | 'update' | 'cleanup' | 'destroy';

/** One event sent to the handler (or one CloudFormation would skip), in order. */
export interface EventRecord {
  /** When in the rehearsal it was sent. */
  readonly phase: Phase;
  /** The stack's display name. */
  readonly stack: string;
  /** The resource's logical id. */
  readonly logicalId: string;
  /** The resource's construct path within the stack, when the template records it. */
  readonly constructPath?: string;
  /** `Create`, `Update`, `Delete`; `Retain` when CloudFormation would not send the Delete. */
  readonly requestType: 'Create' | 'Update' | 'Delete' | 'Retain';
  /** The physical id the event carried (none for Create). */
  readonly physicalId?: string;
  /** The physical id the response gave. */
  readonly responsePhysicalId?: string;
  /** SUCCESS or FAILED; SKIPPED for `Retain`. */
  readonly status: 'SUCCESS' | 'FAILED' | 'SKIPPED';
  /** The handler's reason for a FAILED response. */
  readonly reason?: string;
  /** The invitation's status in the emulator after the event. */
  readonly invitationStatus?: string;
  /** Why the event was sent or skipped, in words. */
  readonly note?: string;
}

/** Why a rehearsal stopped. */
export interface RehearsalFailure {
  /**
   * `assembly` (not a usable cloud assembly), `handler` (the bundle is missing or broken),
   * `unresolvable` (a value needs AWS), `invalid` (CloudFormation would reject the template),
   * `failed` (the handler answered FAILED or CloudFormation would reject its answer),
   * `refused` (the handler would not talk to the local emulator).
   */
  readonly kind: 'assembly' | 'handler' | 'unresolvable' | 'invalid' | 'failed' | 'refused';
  /** The message, naming the stack, resource and intrinsic or reason. */
  readonly message: string;
  /** The stack's display name, when the failure is in one. */
  readonly stack?: string;
  /** The resource (`constructPath (LogicalId)`) or output (`Outputs/Name`), when the failure is in one. */
  readonly resource?: string;
}

/** The AWS catalog's daily invitation quota, and how much of it a deployment of the app uses. */
export interface DailyQuotaUse {
  /** The catalog the quota is documented for (Partner Central's quota page). */
  readonly catalog: 'AWS';
  /** The connection invitations the app creates in that catalog (catalog spelled in any case). */
  readonly invitations: number;
  /** The most of them one account sends: the quota is per account. */
  readonly mostInOneAccount: number;
  /** The quota: invitations a day, beyond which a create fails with ServiceQuotaExceededException. */
  readonly perDay: number;
}

/** The outcome of a rehearsal; never carries e-mails, names or messages. */
export interface RehearsalResult {
  /** Whether every step succeeded. */
  readonly ok: boolean;
  /** The assembly directory as given. */
  readonly assembly: string;
  /** The stacks in deployment order. */
  readonly stacks: StackReport[];
  /** Every event, in order. */
  readonly events: EventRecord[];
  /** What `--receiver` played for the receivers outside the app. */
  readonly receiver: ReceiverAnswer;
  /**
   * Every invitation the app sent, after the deploy and the answers: who answered it (an
   * accepter of the app, or `receiver` for a receiver outside the app) and its status then.
   */
  readonly answers: AnswerRow[];
  /** Notes about the replacement (such as the first invitation having no message to change). */
  readonly updateNotes: string[];
  /**
   * Where a real deployment would not go as rehearsed, though the rehearsal itself passed: an
   * export another stack imports changing (CloudFormation refuses that update), an output another
   * stack read with `Fn::GetStackOutput` changing (the reader keeps the old value), a cleanup
   * Delete that failed (CloudFormation leaves the old invitation behind), an output that reads
   * another stack's output the rehearsal could not read (the output's `warning`).
   */
  readonly warnings: string[];
  /**
   * The AWS catalog's daily invitation quota and how many invitations the app sends there, known
   * once every invitation's properties resolved (absent when they did not).
   */
  readonly dailyQuota?: DailyQuotaUse;
  /** Why it stopped, when `ok` is false. */
  readonly error?: RehearsalFailure;
}
