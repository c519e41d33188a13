/** The kind of connection an invitation proposes. */
export enum ConnectionType {
  /** Collaborate with another partner on opportunities (the receiver is a partner profile id). */
  OPPORTUNITY_COLLABORATION = 'OPPORTUNITY_COLLABORATION',
  /** Link a subsidiary account (the receiver is a 12-digit AWS account id). */
  SUBSIDIARY = 'SUBSIDIARY',
}

/** The state of a connection invitation. */
export enum InvitationStatus {
  /** Sent and awaiting an answer: the only state in which it can be canceled. */
  PENDING = 'PENDING',
  /** Accepted by the receiver: a connection exists. */
  ACCEPTED = 'ACCEPTED',
  /** Rejected by the receiver. */
  REJECTED = 'REJECTED',
  /** Canceled by the sender. */
  CANCELED = 'CANCELED',
  /** Not answered in time. */
  EXPIRED = 'EXPIRED',
}

/** Which side of an invitation the caller is on. */
export enum ParticipantType {
  /** The caller sent the invitation. */
  SENDER = 'SENDER',
  /** The caller received the invitation. */
  RECEIVER = 'RECEIVER',
}
