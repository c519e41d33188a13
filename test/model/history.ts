/**
 * The histories the model plays, as data fast-check generates and shrinks: what the stack's
 * operator does (create, updates that change the wording or the receiver, delete; other
 * resources failing so that CloudFormation rolls back), how Lambda delivers each request
 * (queue delay, duplicates running beside it or arriving late), what the ResponseURL does with
 * each PUT, what the service answers to each request the handler sends, and what other actors
 * do meanwhile (the receiver accepting or rejecting, other owners inviting the same receiver).
 */
import * as fc from 'fast-check';
import type { PutFate } from '../../tools/cloudformation/driver';

/** The receivers and messages a history draws from: few, so that properties collide. */
export const RECEIVERS = ['pprofile-model00000001', 'pprofile-model00000002', 'pprofile-model00000003'] as const;
/** How many of RECEIVERS the stack itself invites; the others only other owners do. */
const STACK_RECEIVERS = 2;
/** The messages a history draws from. */
export const MESSAGES = ['Let us co-sell on opportunities.', 'A new wording of the invitation.', 'Third words.'] as const;

/** The properties of one request, as indexes into RECEIVERS and MESSAGES. */
export interface Props {
  readonly receiver: number;
  readonly message: number;
}

/** One operation of the stack's operator. */
export type StackOp =
  /** Deploy the resource; `otherFails`: another resource fails after it (CloudFormation rolls back: Delete). */
  | { readonly kind: 'create'; readonly props: Props; readonly otherFails: boolean; readonly noRollback: boolean }
  /** Change the properties; `otherFails`: another resource fails after it (UPDATE_ROLLBACK). */
  | { readonly kind: 'update'; readonly props: Props; readonly otherFails: boolean }
  /** Delete the stack. */
  | { readonly kind: 'delete' };

/** How Lambda delivers one request: when the first delivery starts, and the extra ones. */
export interface DeliveryPlan {
  /** The first delivery's wait in Lambda's queue after CloudFormation issued the request. */
  readonly queueMs: number;
  /** Extra deliveries of the same event (at-least-once), each after this long. */
  readonly duplicatesMs: readonly number[];
}


/** What the service does with one request of the handler. */
export type FaultChoice =
  | 'none'
  | 'throttle'
  | 'internal'
  | 'gateway-page'
  | 'reset-before'
  | 'reset-after'
  | 'lost-after'
  | 'empty-before'
  | 'empty-after'
  | 'mangled-after'
  /** A List page whose summaries are spoiled (without CreatedAt, or not objects): an unreadable answer. */
  | 'spoiled-summaries'
  /** The answer spells the receiver in another case (upper case), as the service may. */
  | 'respelled'
  | 'in-flight-409'
  | 'denied'
  | 'invalid-400'
  | 'quota-402';

/** Faults a handler cannot get past by retrying: the request fails. */
export const FATAL_FAULTS: ReadonlySet<FaultChoice> = new Set(['invalid-400', 'quota-402', 'in-flight-409']);

/** Something another actor does at a time after the history starts. */
export type OtherAct =
  /** The receiver answers the resource's newest pending invitation. */
  | { readonly kind: 'receiver'; readonly atMs: number; readonly status: 'ACCEPTED' | 'REJECTED' }
  /** Another owner (another stack, a tool) invites a receiver. */
  | { readonly kind: 'foreign'; readonly atMs: number; readonly receiver: number; readonly message: number };

/** One history. */
export interface History {
  /** The operator's operations, each after a pause. */
  readonly ops: ReadonlyArray<{ readonly pauseMs: number; readonly op: StackOp }>;
  /** Delivery plans, one per request CloudFormation issues, in order (then: one prompt delivery). */
  readonly deliveries: readonly DeliveryPlan[];
  /** Fates of the PUTs, in order (then: stored). */
  readonly puts: readonly PutFate[];
  /** Faults of the handler's requests, in order (then: none). */
  readonly faults: readonly FaultChoice[];
  /** Network latency of each request, ms, in order (then: 20). */
  readonly latencies: readonly number[];
  /** Other owners' pending invitations before the history starts. */
  readonly seeded: ReadonlyArray<{ readonly receiver: number; readonly message: number }>;
  /** What other actors do meanwhile. */
  readonly others: readonly OtherAct[];
  /** How long the service's List takes to show a new invitation, ms. */
  readonly listLagMs: number;
  /** How far the service's clock is ahead of CloudFormation's and Lambda's, ms. */
  readonly serviceSkewMs: number;
  /** How long CloudFormation takes to act on an answer, ms. */
  readonly reactMs: number;
  /** Seed of the handler's jitter. */
  readonly jitterSeed: number;
}

const props: fc.Arbitrary<Props> = fc.record({
  receiver: fc.integer({ min: 0, max: STACK_RECEIVERS - 1 }),
  message: fc.integer({ min: 0, max: MESSAGES.length - 1 }),
});

const pause = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 90_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 90_000, max: 3_600_000 }) },
);

const op: fc.Arbitrary<StackOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('update' as const), props, otherFails: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

const firstOp: fc.Arbitrary<StackOp> = fc.record({
  kind: fc.constant('create' as const),
  props,
  otherFails: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  noRollback: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const duplicateDelay = fc.oneof(
  // Beside the first delivery.
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
  // After CloudFormation moved on, while the ResponseURL is valid (2 h).
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 7_000_000 }) },
);

const delivery: fc.Arbitrary<DeliveryPlan> = fc.record({
  queueMs: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 1_500 }) },
    { weight: 1, arbitrary: fc.integer({ min: 55_000, max: 70_000 }) },
  ),
  duplicatesMs: fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 2, arbitrary: fc.array(duplicateDelay, { minLength: 1, maxLength: 2 }) },
  ),
});

const fault: fc.Arbitrary<FaultChoice> = fc.oneof(
  { weight: 30, arbitrary: fc.constant('none' as const) },
  {
    weight: 12,
    arbitrary: fc.constantFrom<FaultChoice>(
      'throttle', 'internal', 'gateway-page', 'reset-before', 'reset-after', 'lost-after', 'empty-before', 'empty-after', 'mangled-after', 'denied',
      'spoiled-summaries', 'respelled',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<FaultChoice>('in-flight-409', 'invalid-400', 'quota-402') },
);

const other: fc.Arbitrary<OtherAct> = fc.oneof(
  fc.record({ kind: fc.constant('receiver' as const), atMs: fc.integer({ min: 0, max: 200_000 }), status: fc.constantFrom('ACCEPTED' as const, 'REJECTED' as const) }),
  fc.record({
    kind: fc.constant('foreign' as const),
    atMs: fc.integer({ min: 0, max: 200_000 }),
    receiver: fc.integer({ min: 0, max: RECEIVERS.length - 1 }),
    message: fc.integer({ min: 0, max: MESSAGES.length - 1 }),
  }),
);

/** The arbitrary of histories. */
export const history: fc.Arbitrary<History> = fc.record({
  ops: fc.tuple(
    fc.record({ pauseMs: fc.constant(0), op: firstOp }),
    fc.array(fc.record({ pauseMs: pause, op }), { maxLength: 3 }),
  ).map(([first, rest]) => [first, ...rest]),
  deliveries: fc.array(delivery, { maxLength: 8 }),
  puts: fc.array(fc.oneof(
    { weight: 8, arbitrary: fc.constant('store' as const) },
    { weight: 1, arbitrary: fc.constantFrom<PutFate>('fail', 'lost-ack') },
  ), { maxLength: 8 }),
  faults: fc.array(fault, { maxLength: 24 }),
  latencies: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 16 }),
  seeded: fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    {
      weight: 2,
      arbitrary: fc.array(
        fc.record({ receiver: fc.integer({ min: 0, max: RECEIVERS.length - 1 }), message: fc.integer({ min: 0, max: MESSAGES.length - 1 }) }),
        { minLength: 1, maxLength: 2 },
      ),
    },
  ),
  others: fc.array(other, { maxLength: 2 }),
  listLagMs: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 1_000, 4_000) }, { weight: 1, arbitrary: fc.constant(8_000) }),
  serviceSkewMs: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 800, -800) }, { weight: 1, arbitrary: fc.constantFrom(3_000, -3_000) }),
  reactMs: fc.integer({ min: 0, max: 2_000 }),
  jitterSeed: fc.integer({ min: 1, max: 0x7fffffff }),
});
