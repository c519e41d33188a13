/**
 * Property: whatever the event and whatever the API answers, the handler answers (a PUT
 * arrives), the answer is under 4096 bytes and names a physical id, and nothing is thrown past
 * the entry point.
 */
import * as fc from 'fast-check';
import { props, World } from './support/handler-harness';
import type { CloudFormationCustomResourceEvent } from '../tools/cloudformation/events';
import type { Fault } from '../tools/emulator/faults';

let w: World;
beforeAll(async () => {
  // Virtual time: request timeouts and backoff run on the world's clock, so no run's outcome
  // depends on the machine's speed.
  w = await World.start({ virtualTime: true });
});
afterAll(async () => {
  await w.stop();
});

const huge = fc.string({ minLength: 4_000, maxLength: 12_000, unit: 'binary' });
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  huge,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
/** A property: kept, dropped (undefined), or replaced by an odd value. */
const field = (valid: string): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 3, arbitrary: fc.constant(valid) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: oddValue },
);
const properties: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      Catalog: field('Sandbox'),
      ConnectionType: field('OPPORTUNITY_COLLABORATION'),
      Email: field('alliances@example.com'),
      Message: field('Let us co-sell.'),
      Name: field('Pat Example'),
      ReceiverIdentifier: fc.oneof(field('pprofile-fuzz'), fc.stringMatching(/^[a-z0-9-]{1,20}$/)),
      ClientToken: fc.oneof(fc.constant(undefined), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), oddValue),
    }),
  },
  { weight: 1, arbitrary: oddValue },
);
const physicalId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('pacinv-AAAAAAAAAAAAA', 'pacinv-BBBBBBBBBBBBB', `unconfirmed-${Math.floor(Date.now() / 1000)}-${Math.floor(Date.now() / 1000)}`, 'create-failed-x'),
  oddValue,
);
const apiFault: fc.Arbitrary<Fault | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({
      error: fc.record({
        status: fc.integer({ min: 400, max: 599 }),
        name: fc.string({ maxLength: 40 }),
        reason: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        message: fc.oneof(fc.string(), huge),
      }),
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ rawStatus: fc.integer({ min: 400, max: 599 }), rawBody: fc.oneof(fc.string(), huge) }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ reset: true, after: true }) },
);

const mutation = fc.record({
  RequestType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Create', 'Update', 'Delete') }, { weight: 1, arbitrary: oddValue }),
  PhysicalResourceId: physicalId,
  ResourceProperties: properties,
  OldResourceProperties: fc.oneof(properties, fc.constant(undefined)),
  StackId: fc.oneof({ weight: 4, arbitrary: fc.constant('keep') }, { weight: 1, arbitrary: oddValue }),
  LogicalResourceId: fc.oneof({ weight: 4, arbitrary: fc.constant('Invite') }, { weight: 1, arbitrary: oddValue }),
  fault: apiFault,
});

test('any event, any API answer: a PUT under 4096 bytes arrives and nothing is thrown', async () => {
  await fc.assert(fc.asyncProperty(mutation, async (m) => {
    w.emulator.clearFaults();
    if (m.fault) w.emulator.inject(m.fault);
    const base = w.cfn.createEvent('Invite', props()) as unknown as Record<string, unknown>;
    const event: Record<string, unknown> = { ...base };
    for (const key of ['RequestType', 'PhysicalResourceId', 'ResourceProperties', 'OldResourceProperties', 'StackId', 'LogicalResourceId'] as const) {
      const v = m[key];
      if (v === 'keep') continue;
      if (v === undefined) delete event[key];
      else event[key] = v;
    }
    const d = await w.cfn.send(w.handler, event as unknown as CloudFormationCustomResourceEvent, { timeoutMs: 3_000, retries: 0 });
    expect(d.handlerErrors).toEqual([]);
    expect(d.invocations).toBe(1);
    expect(d.bytes).toBeLessThan(4096);
    expect(['SUCCESS', 'FAILED']).toContain(d.response.Status);
    expect(typeof d.response.PhysicalResourceId).toBe('string');
    expect(d.response.PhysicalResourceId.length).toBeGreaterThan(0);
    if (d.response.Status === 'FAILED') expect(typeof d.response.Reason).toBe('string');
    // The personal values of the valid properties never come back in a reason.
    expect(d.response.Reason ?? '').not.toContain('alliances@example.com');
  }), { numRuns: 150 });
}, 120_000);
