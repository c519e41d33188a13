/**
 * The events CloudFormation sends for a stack (tools/cloudformation/event-builders.ts): each
 * request type with its members, the stack's StackId and ServiceToken (in the properties too),
 * a fresh RequestId unless told, the invitation's resource type unless told, and a ResponseURL
 * issued for that event at the stack's clock.
 */
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import { CustomResourceEvents, DEFAULT_RESOURCE_TYPE, type EventStack } from '../../tools/cloudformation/event-builders';
import type { ResponseUrlRequest } from '../../tools/cloudformation/response-url';

const STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/S/0b6c6a10-0000-0000-0000-000000000000';
const SERVICE_TOKEN = 'arn:aws:lambda:eu-west-1:123456789012:function:S-Provider';
const NOW = Date.UTC(2026, 0, 15, 10, 30, 0);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The builders for one stack, recording each ResponseURL request (the URL names the request). */
class StackEvents extends CustomResourceEvents {
  public readonly issued: Array<Omit<ResponseUrlRequest, 'baseUrl'>> = [];
  public now = NOW;

  constructor() {
    const stack: EventStack = {
      stackId: STACK_ID,
      region: 'eu-west-1',
      serviceToken: SERVICE_TOKEN,
      clock: () => this.now,
      issueResponseUrl: (request) => {
        this.issued.push(request);
        return `https://responses.test/${request.logicalResourceId}/${request.requestId}/${request.now}`;
      },
    };
    super(stack);
  }
}

let events: StackEvents;
beforeEach(() => {
  events = new StackEvents();
});

describe('the events', () => {
  test('a Create: the stack\'s members, the properties with the ServiceToken, no physical id', () => {
    const e = events.createEvent('Invite', { Catalog: 'Sandbox' }, { requestId: 'r-1' });
    expect(e).toEqual({
      RequestType: 'Create',
      ServiceToken: SERVICE_TOKEN,
      ResponseURL: `https://responses.test/Invite/r-1/${NOW}`,
      StackId: STACK_ID,
      RequestId: 'r-1',
      ResourceType: RESOURCE_TYPE,
      LogicalResourceId: 'Invite',
      ResourceProperties: { ServiceToken: SERVICE_TOKEN, Catalog: 'Sandbox' },
    });
  });

  test('an Update: the new and the old properties, each with the ServiceToken, and the physical id', () => {
    const e = events.updateEvent('Invite', 'pacinv-AAAAAAAAAAAAA', { Catalog: 'AWS' }, { Catalog: 'Sandbox' }, { requestId: 'r-2' });
    expect(e).toEqual({
      RequestType: 'Update',
      ServiceToken: SERVICE_TOKEN,
      ResponseURL: `https://responses.test/Invite/r-2/${NOW}`,
      StackId: STACK_ID,
      RequestId: 'r-2',
      ResourceType: RESOURCE_TYPE,
      LogicalResourceId: 'Invite',
      PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA',
      ResourceProperties: { ServiceToken: SERVICE_TOKEN, Catalog: 'AWS' },
      OldResourceProperties: { ServiceToken: SERVICE_TOKEN, Catalog: 'Sandbox' },
    });
  });

  test('a Delete: the properties and the physical id, no old properties', () => {
    const e = events.deleteEvent('Invite', 'pacinv-AAAAAAAAAAAAA', { Catalog: 'AWS' }, { requestId: 'r-3' });
    expect(e).toEqual({
      RequestType: 'Delete',
      ServiceToken: SERVICE_TOKEN,
      ResponseURL: `https://responses.test/Invite/r-3/${NOW}`,
      StackId: STACK_ID,
      RequestId: 'r-3',
      ResourceType: RESOURCE_TYPE,
      LogicalResourceId: 'Invite',
      PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA',
      ResourceProperties: { ServiceToken: SERVICE_TOKEN, Catalog: 'AWS' },
    });
  });
});

describe('the options', () => {
  test('the resource type is the invitation\'s unless told', () => {
    expect(DEFAULT_RESOURCE_TYPE).toBe(RESOURCE_TYPE);
    expect(events.createEvent('A', {}).ResourceType).toBe(RESOURCE_TYPE);
    expect(events.createEvent('A', {}, { resourceType: ACCEPTER_RESOURCE_TYPE }).ResourceType).toBe(ACCEPTER_RESOURCE_TYPE);
    expect(events.updateEvent('A', 'p', {}, {}, { resourceType: ACCEPTER_RESOURCE_TYPE }).ResourceType).toBe(ACCEPTER_RESOURCE_TYPE);
    expect(events.deleteEvent('A', 'p', {}, { resourceType: ACCEPTER_RESOURCE_TYPE }).ResourceType).toBe(ACCEPTER_RESOURCE_TYPE);
  });

  test('without a RequestId, each event gets a fresh UUID, and its ResponseURL is issued for it', () => {
    const ids = [events.createEvent('A', {}), events.updateEvent('A', 'p', {}, {}), events.deleteEvent('A', 'p', {})].map((e) => e.RequestId);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
    expect(events.issued.map((r) => r.requestId)).toEqual(ids);
  });
});

describe('the ResponseURL', () => {
  test('is issued once per event, for its region, stack, logical id and RequestId, at the stack\'s clock then', () => {
    events.createEvent('Invite', {}, { requestId: 'r-1' });
    events.now = NOW + 90_000;
    const later = events.deleteEvent('Other', 'p', {}, { requestId: 'r-2' });
    expect(events.issued).toEqual([
      { region: 'eu-west-1', stackId: STACK_ID, logicalResourceId: 'Invite', requestId: 'r-1', now: NOW },
      { region: 'eu-west-1', stackId: STACK_ID, logicalResourceId: 'Other', requestId: 'r-2', now: NOW + 90_000 },
    ]);
    expect(later.ResponseURL).toBe(`https://responses.test/Other/r-2/${NOW + 90_000}`);
  });
});
