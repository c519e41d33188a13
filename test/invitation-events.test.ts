/**
 * The EventBridge rules that follow an invitation's status: onEvent, onStatusChange, onAccepted.
 *
 * The example events below are those of "Notifications for the AWS Partner Central Account API"
 * (Partner Central developer guide, account-api-events), with the page's placeholders filled in
 * for one invitation. The rules' patterns are checked against them with a small matcher of the
 * pattern syntax the rules use (exact values, `equals-ignore-case`, nested objects), which
 * refuses any other syntax rather than passing it.
 */
import { Annotations as CdkAnnotations, App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ConnectionInvitation, IConnectionInvitation } from '../src';
import { SANDBOX_INVITATION } from './support/apps';
import { nagFindings } from './support/nag';
import { EVENT_REGION_UNKNOWN_WARNING } from '../src/private/invitation-events';

const RULE_TYPE = 'AWS::Events::Rule';
const INVITATION_ID = 'pacinv-0123456789abc';
const ARN = `arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${INVITATION_ID}`;
const STATUS_TYPES = [
  'Partner Connection Invitation Accepted',
  'Partner Connection Invitation Rejected',
  'Partner Connection Invitation Cancelled',
  'Partner Connection Invitation Expired',
];

function stackIn(region: string | undefined, id = 'Stack', app = new App()): Stack {
  return new Stack(app, id, region ? { env: { account: '111111111111', region } } : {});
}

function imported(stack: Stack, arn = ARN): IConnectionInvitation {
  return ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', arn);
}

/** The only rule of a stack: its logical id and properties. */
function onlyRule(stack: Stack): [string, any] {
  const rules = Object.entries(Template.fromStack(stack).findResources(RULE_TYPE));
  expect(rules).toHaveLength(1);
  return [rules[0][0], rules[0][1].Properties];
}

/** A documented example event of the given detail type, for one invitation in one catalog. */
function documentedEvent(detailType: string, invitationId = INVITATION_ID, catalog = 'Sandbox'): any {
  const arn = `arn:aws:partnercentral:us-east-1::catalog/${catalog}/connection-invitation/${invitationId}`;
  const connectionArn = `arn:aws:partnercentral:us-east-1::catalog/${catalog}/connection/pac-0123456789abc`;
  const invitation = { arn, id: invitationId, connectionType: 'OpportunityCollaboration' };
  const detail: any = { catalog, connectionInvitation: invitation };
  if (detailType === 'Partner Connection Invitation Accepted') {
    detail.connection = { arn: connectionArn, id: 'pac-0123456789abc', status: 'ACTIVE' };
  }
  return {
    'version': '1',
    'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    'source': 'aws.partnercentral-account',
    'time': '2026-12-03T09:00:00Z',
    'region': 'us-east-1',
    'account': '111111111111',
    'resources': detailType.endsWith('Accepted') ? [arn, connectionArn] : [arn],
    detail,
  };
}

/** The documented connection event, which names a connection and no invitation. */
function connectionCancelledEvent(): any {
  return {
    'version': '1',
    'detail-type': 'Partner Connection Cancelled',
    'source': 'aws.partnercentral-account',
    'region': 'us-east-1',
    'resources': ['arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection/pac-0123456789abc'],
    'detail': { catalog: 'Sandbox', connection: { id: 'pac-0123456789abc', connectionType: 'OpportunityCollaboration' } },
  };
}

/**
 * Whether an EventBridge pattern matches an event, for the syntax these rules use: a field's
 * array of allowed values (exact strings, or `{ 'equals-ignore-case': s }`), and nested objects.
 * Any other syntax throws.
 */
function matches(pattern: any, event: any): boolean {
  return Object.entries(pattern).every(([key, allowed]) => {
    const value = event?.[key];
    if (!Array.isArray(allowed)) {
      if (typeof allowed !== 'object' || allowed === null) throw new Error(`unsupported pattern at ${key}: ${JSON.stringify(allowed)}`);
      return typeof value === 'object' && value !== null && matches(allowed, value);
    }
    const values = Array.isArray(value) ? value : [value];
    return allowed.some((a) => values.some((v) => {
      if (typeof a === 'string') return v === a;
      if (typeof a === 'object' && a !== null && Object.keys(a).join() === 'equals-ignore-case') {
        return typeof v === 'string' && v.toLowerCase() === String(a['equals-ignore-case']).toLowerCase();
      }
      throw new Error(`unsupported pattern value at ${key}: ${JSON.stringify(a)}`);
    }));
  });
}

describe('the rule of an invitation made by this app', () => {
  test('onStatusChange matches its id and catalog, and the four status detail types', () => {
    const stack = stackIn('us-east-1');
    const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    const rule = invitation.onStatusChange('StatusChange');

    expect(rule).toBeInstanceOf(events.Rule);
    expect(rule.node.path).toBe('Stack/Invitation/StatusChange');
    const invitationLogicalId = Object.keys(Template.fromStack(stack).findResources('Custom::PartnerCentralConnectionInvitation'))[0];
    const [, props] = onlyRule(stack);
    expect(props.EventPattern).toEqual({
      'source': ['aws.partnercentral-account'],
      'detail-type': STATUS_TYPES,
      'detail': {
        catalog: [{ 'equals-ignore-case': 'Sandbox' }],
        connectionInvitation: { id: [{ Ref: invitationLogicalId }] },
      },
    });
    expect(props.State).toBe('ENABLED');
    expect(props.EventBusName).toBeUndefined(); // the default bus
  });

  test('onAccepted narrows to the Accepted detail type, and sends to the options\' target', () => {
    const stack = stackIn('us-east-1');
    const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    const topic = new sns.Topic(stack, 'Topic');
    invitation.onAccepted('Accepted', {
      target: new targets.SnsTopic(topic),
      ruleName: 'acme-invitation-accepted',
      description: 'Acme accepted our invitation',
    });

    const [, props] = onlyRule(stack);
    expect(props.EventPattern['detail-type']).toEqual(['Partner Connection Invitation Accepted']);
    expect(props.Name).toBe('acme-invitation-accepted');
    expect(props.Description).toBe('Acme accepted our invitation');
    Template.fromStack(stack).hasResourceProperties(RULE_TYPE, {
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Topic') } })],
    });
  });

  test('onEvent matches every event of the invitation: no detail type', () => {
    const stack = stackIn('us-east-1');
    new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION).onEvent('Any');
    const [, props] = onlyRule(stack);
    expect(props.EventPattern['detail-type']).toBeUndefined();
    expect(props.EventPattern.source).toEqual(['aws.partnercentral-account']);
  });

  test('the options\' pattern is merged into the invitation\'s', () => {
    const stack = stackIn('us-east-1');
    new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION).onAccepted('Accepted', {
      eventPattern: { detail: { connectionInvitation: { connectionType: ['OpportunityCollaboration'] } } },
    });
    const [, props] = onlyRule(stack);
    expect(props.EventPattern.detail.connectionInvitation).toEqual({
      connectionType: ['OpportunityCollaboration'],
      id: [{ Ref: expect.any(String) }],
    });
    expect(props.EventPattern.detail.catalog).toEqual([{ 'equals-ignore-case': 'Sandbox' }]);
  });

  test.each(['onAccepted', 'onStatusChange'] as const)('%s refuses a detailType in the options, which would widen the rule; onEvent takes one', (method) => {
    const stack = stackIn('us-east-1');
    const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    const options = { eventPattern: { detailType: ['Partner Connection Invitation Received'] } };
    expect(() => invitation[method]('Rule', options)).toThrow(new RegExp(`^Invalid ${method} on ConnectionInvitation Stack/Invitation:[^]*`
      + `\`options.eventPattern.detailType\` must not be set: ${method} sets the rule's detail types itself[^]*use onEvent`));
    expect(() => imported(stack)[method]('Rule', options)).toThrow(/`options.eventPattern.detailType` must not be set/);
    invitation.onEvent('Received', options);
    expect(onlyRule(stack)[1].EventPattern['detail-type']).toEqual(['Partner Connection Invitation Received']);
  });

  test('several rules on one invitation, each its own child', () => {
    const stack = stackIn('us-east-1');
    const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    invitation.onAccepted('Accepted');
    invitation.onStatusChange('Status');
    expect(Object.keys(Template.fromStack(stack).findResources(RULE_TYPE))).toHaveLength(2);
  });
});

describe('the rule of an imported invitation', () => {
  test('matches the id and catalog read from the ARN', () => {
    const stack = stackIn('us-east-1');
    imported(stack).onAccepted('Accepted');
    const [, props] = onlyRule(stack);
    expect(props.EventPattern).toEqual({
      'source': ['aws.partnercentral-account'],
      'detail-type': ['Partner Connection Invitation Accepted'],
      'detail': {
        catalog: [{ 'equals-ignore-case': 'Sandbox' }],
        connectionInvitation: { id: [INVITATION_ID] },
      },
    });
  });

  test('an ARN that is a token: id and catalog are read from it at deploy time', () => {
    const stack = stackIn('us-east-1');
    const arn = new CfnParameter(stack, 'InvitationArn').valueAsString;
    imported(stack, arn).onStatusChange('Status');
    const [, props] = onlyRule(stack);
    const split = { 'Fn::Split': ['/', { Ref: 'InvitationArn' }] };
    expect(props.EventPattern.detail).toEqual({
      catalog: [{ 'equals-ignore-case': { 'Fn::Select': [1, split] } }],
      connectionInvitation: { id: [{ 'Fn::Select': [3, split] }] },
    });
  });

  test('an invitation of a stack in another region, imported in a stack in us-east-1', () => {
    const app = new App();
    const invitations = stackIn('eu-west-1', 'Invitations', app);
    new ConnectionInvitation(invitations, 'Invitation', SANDBOX_INVITATION);
    const watcher = stackIn('us-east-1', 'Watcher', app);
    imported(watcher).onAccepted('Accepted');
    expect(Object.keys(Template.fromStack(watcher).findResources(RULE_TYPE))).toHaveLength(1);
  });
});

describe('the patterns against the documented events', () => {
  function patternOf(make: (i: IConnectionInvitation) => events.Rule): any {
    const stack = stackIn('us-east-1');
    make(imported(stack));
    return onlyRule(stack)[1].EventPattern;
  }

  test('onStatusChange: the four status events of this invitation, not its Received event', () => {
    const pattern = patternOf((i) => i.onStatusChange('Status'));
    for (const type of STATUS_TYPES) expect(matches(pattern, documentedEvent(type))).toBe(true);
    expect(matches(pattern, documentedEvent('Partner Connection Invitation Received'))).toBe(false);
  });

  test('onAccepted: only the Accepted event', () => {
    const pattern = patternOf((i) => i.onAccepted('Accepted'));
    expect(STATUS_TYPES.filter((type) => matches(pattern, documentedEvent(type)))).toEqual(['Partner Connection Invitation Accepted']);
  });

  test('onEvent: every event of this invitation, Received included', () => {
    const pattern = patternOf((i) => i.onEvent('Any'));
    for (const type of [...STATUS_TYPES, 'Partner Connection Invitation Received']) {
      expect(matches(pattern, documentedEvent(type))).toBe(true);
    }
  });

  test('no event of another invitation, of another catalog, or of a connection only', () => {
    const pattern = patternOf((i) => i.onEvent('Any'));
    expect(matches(pattern, documentedEvent(STATUS_TYPES[0], 'pacinv-zzzzzzzzzzzzz'))).toBe(false);
    expect(matches(pattern, documentedEvent(STATUS_TYPES[0], INVITATION_ID, 'AWS'))).toBe(false);
    expect(matches(pattern, connectionCancelledEvent())).toBe(false);
  });

  test('the catalog in another letter case still matches', () => {
    const pattern = patternOf((i) => i.onEvent('Any'));
    expect(matches(pattern, documentedEvent(STATUS_TYPES[0], INVITATION_ID, 'sandbox'))).toBe(true);
  });
});

describe('the region', () => {
  test.each([
    ['onEvent', (i: IConnectionInvitation) => i.onEvent('Rule')],
    ['onStatusChange', (i: IConnectionInvitation) => i.onStatusChange('Rule')],
    ['onAccepted', (i: IConnectionInvitation) => i.onAccepted('Rule')],
  ])('%s in a stack of another region is an error naming the invitation, the method and the rule, and makes nothing', (method, call) => {
    const stack = stackIn('eu-west-1');
    const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    expect(() => call(invitation)).toThrow(new RegExp(
      `^Invalid ${method}\\("Rule"\\) on ConnectionInvitation Stack/Invitation: the rule would live on the default event bus `
      + 'of eu-west-1 .* only to the default event bus of us-east-1'));
    expect(invitation.node.tryFindChild('Rule')).toBeUndefined();
    expect(Template.fromStack(stack).findResources(RULE_TYPE)).toEqual({});
  });

  test('an imported invitation in a stack of another region: the same error', () => {
    const stack = stackIn('ap-southeast-2');
    expect(() => imported(stack).onAccepted('Accepted'))
      .toThrow(/^Invalid onAccepted\("Accepted"\) on ConnectionInvitation Stack\/Imported: .*ap-southeast-2.*fromConnectionInvitationArn/);
  });

  test('an environment-agnostic stack: the rule is made, with a warning the user can acknowledge', () => {
    const stack = stackIn(undefined);
    new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION).onAccepted('Accepted');
    expect(Object.keys(Template.fromStack(stack).findResources(RULE_TYPE))).toHaveLength(1);
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Invitation/Accepted', Match.stringLikeRegexp(EVENT_REGION_UNKNOWN_WARNING));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(/only if the stack is deployed to us-east-1/);

    const acknowledged = stackIn(undefined, 'Acknowledged');
    CdkAnnotations.of(acknowledged).acknowledgeWarning(EVENT_REGION_UNKNOWN_WARNING, 'deployed to us-east-1 only');
    new ConnectionInvitation(acknowledged, 'Invitation', SANDBOX_INVITATION).onAccepted('Accepted');
    expect(Annotations.fromStack(acknowledged).findWarning('*', Match.stringLikeRegexp(EVENT_REGION_UNKNOWN_WARNING))).toHaveLength(0);
  });

  test('a stack in us-east-1: no warning', () => {
    const stack = stackIn('us-east-1');
    new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION).onAccepted('Accepted');
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(EVENT_REGION_UNKNOWN_WARNING))).toHaveLength(0);
  });
});

describe('wrong types from other languages', () => {
  test.each([
    ['an id that is a number', 42, undefined, /`id` must be a string \(the construct id of the rule\), got: a number/],
    ['options that are a string', 'Rule', 'target', /`options` must be an object of events.OnEventOptions, got: a string/],
    ['options that are null', 'Rule', null, /`options` must be an object of events.OnEventOptions, got: null/],
    ['options that are an array', 'Rule', [], /`options` must be an object of events.OnEventOptions, got: an array/],
  ])('%s', (_name, id, options, message) => {
    const stack = stackIn('us-east-1');
    const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    expect(() => invitation.onAccepted(id as any, options as any)).toThrow(message);
    expect(() => invitation.onAccepted(id as any, options as any)).toThrow(/^Invalid onAccepted on ConnectionInvitation Stack\/Invitation:/);
    expect(Template.fromStack(stack).findResources(RULE_TYPE)).toEqual({});
  });

  test('both problems together', () => {
    const stack = stackIn('us-east-1');
    expect(() => imported(stack).onEvent(undefined as any, 7 as any)).toThrow(/`id` must be a string[^]*`options` must be an object/);
  });
});

describe('cdk-nag', () => {
  test.each(['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security'] as const)('%s finds nothing more in a stack once its invitations have rules', (pack) => {
    const findings = (withRules: boolean) => {
      const stack = stackIn('us-east-1');
      const invitation = new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
      const existing = imported(stack);
      if (withRules) {
        invitation.onStatusChange('Status');
        invitation.onAccepted('Accepted');
        existing.onEvent('Any');
        expect(Object.keys(Template.fromStack(stack).findResources(RULE_TYPE))).toHaveLength(3);
      }
      return nagFindings(stack, pack).map((f) => `${f.path}: ${f.rule}`);
    };
    expect(findings(true)).toEqual(findings(false));
  });
});
