/**
 * The public boundary as callers that TypeScript does not check see it: JavaScript, and the
 * jsii languages, whose runtimes hand over whatever the caller passed. A wrong type gets an
 * error that names the construct, the prop and the expected type, before anything is created.
 */
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Catalog, Connection, ConnectionInvitation, ConnectionInvitationAccepter, ConnectionInvitationProps } from '../src';
import { SANDBOX_INVITATION } from './support/apps';
import { PROVIDER_ID } from '../src/private/provider';

const PROPS: ConnectionInvitationProps = SANDBOX_INVITATION;
const ARN = 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-0123456789abc';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

/** Props as an untyped caller may pass them. */
function untyped(overrides: Record<string, unknown>): ConnectionInvitationProps {
  return { ...PROPS, ...overrides } as unknown as ConnectionInvitationProps;
}

describe('wrong types in the props', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a catalog given as a string', { catalog: 'Sandbox' },
      '`catalog` must be a Catalog (Catalog.AWS, Catalog.SANDBOX or Catalog.of(name)), got: a string'],
    ['a catalog given as a plain object', { catalog: { name: 'Sandbox' } },
      '`catalog` must be a Catalog (Catalog.AWS, Catalog.SANDBOX or Catalog.of(name)), got: an object'],
    ['a service timeout given as a number', { serviceTimeout: 600 },
      '`serviceTimeout` must be a Duration (such as Duration.minutes(5)), got: a number'],
    ['a connection type given as a number', { connectionType: 1 },
      '`connectionType` must be a ConnectionType (one of OPPORTUNITY_COLLABORATION, SUBSIDIARY), got: a number'],
    ['a missing receiver', { receiverIdentifier: undefined }, '`receiverIdentifier` must be a string, got: undefined'],
    ['an e-mail given as a number', { email: 42 }, '`email` must be a string, got: a number'],
    ['a name given as null', { name: null }, '`name` must be a string, got: null'],
    ['a message given as an array', { message: ['Hello'] }, '`message` must be a string, got: an array'],
    ['a client token given as a number', { clientToken: 7 }, '`clientToken` must be a string, got: a number'],
    ['an unknown removal policy', { removalPolicy: 'delete' },
      '`removalPolicy` must be a RemovalPolicy (one of destroy, retain, snapshot, retain-on-update-or-delete), got: "delete"'],
    ['a log retention given as a string', { logRetention: '7' },
      '`logRetention` must be a logs.RetentionDays (a number), got: a string'],
    ['a log retention that is not a RetentionDays value', { logRetention: 8 },
      '`logRetention` must be one of the logs.RetentionDays values (1, 3, 5, 7, 14, 30,'],
  ])('%s', (_what, overrides, message) => {
    const stack = newStack();
    expect(() => new ConnectionInvitation(stack, 'Invitation', untyped(overrides)))
      .toThrow(`Invalid ConnectionInvitation Stack/Invitation:\n  ${message}`);
    expect(stack.node.tryFindChild(PROVIDER_ID)).toBeUndefined();
  });

  test('does not echo personal data of the wrong type', () => {
    const email = { address: 'pat@example.com' };
    expect(() => new ConnectionInvitation(newStack(), 'Invitation', untyped({ email })))
      .toThrow(/`email` must be a string, got: an object$/);
  });

  test('reports every wrong type together, and skips the value rules of those props', () => {
    expect(() => new ConnectionInvitation(newStack(), 'Invitation', untyped({ catalog: 'Sandbox', email: 1, message: '' })))
      .toThrow([
        'Invalid ConnectionInvitation Stack/Invitation:',
        '  `catalog` must be a Catalog (Catalog.AWS, Catalog.SANDBOX or Catalog.of(name)), got: a string',
        '  `email` must be a string, got: a number',
        '  `message` must be 1 to 256 characters long (got 0), got: ""',
      ].join('\n'));
  });

  test('reports the wrong types before the value rules, a bad catalog name among the latter', () => {
    expect(() => new ConnectionInvitation(newStack(), 'Invitation', untyped({ catalog: Catalog.of('Prod!'), email: 1, message: '' })))
      .toThrow([
        'Invalid ConnectionInvitation Stack/Invitation:',
        '  `email` must be a string, got: a number',
        '  `catalog` must be letters, digits and hyphens, got: "Prod!"',
        '  `message` must be 1 to 256 characters long (got 0), got: ""',
      ].join('\n'));
  });

  test('refuses props that are not an object', () => {
    expect(() => new ConnectionInvitation(newStack(), 'Invitation', undefined as unknown as ConnectionInvitationProps))
      .toThrow('Invalid ConnectionInvitation Stack/Invitation:\n  `props` must be an object of ConnectionInvitationProps, got: undefined');
  });

  test('accepts the right types from another copy of aws-cdk-lib (a Duration is recognized by its shape)', () => {
    const stack = newStack();
    const foreign = Object.create(null);
    Object.assign(foreign, {
      toSeconds: () => 600,
      isUnresolved: () => false,
      toHumanString: () => '10 minutes',
    });
    new ConnectionInvitation(stack, 'Invitation', untyped({ serviceTimeout: foreign }));
    expect(stack.node.tryFindChild(PROVIDER_ID)).toBeDefined();
  });
});

describe('wrong types in imports, grants and methods', () => {
  test('an ARN that is not a string names the import', () => {
    expect(() => ConnectionInvitation.fromConnectionInvitationArn(newStack(), 'Imported', 42 as unknown as string))
      .toThrow('Invalid ConnectionInvitation import Stack/Imported: `connectionInvitationArn` must be a string, got: a number');
  });

  test('a malformed ARN names the import', () => {
    expect(() => ConnectionInvitation.fromConnectionInvitationArn(newStack(), 'Imported', 'arn:nope'))
      .toThrow(/^Invalid ConnectionInvitation import Stack\/Imported: `connectionInvitationArn` must be a connection invitation ARN/);
  });

  test('a grantee that is not grantable, and actions that are not strings', () => {
    const stack = newStack();
    const imported = ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN);
    expect(() => imported.grantRead({} as iam.IGrantable))
      .toThrow('Invalid grant on ConnectionInvitation Stack/Imported:\n  `grantee` must be an iam.IGrantable (such as a role, user or function), got: an object');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => imported.grant(role, 'partnercentral:GetConnectionInvitation', 5 as unknown as string))
      .toThrow('Invalid grant on ConnectionInvitation Stack/Imported:\n  `actions[1]` must be a string, got: a number');
  });

  test('applyRemovalPolicy with an unknown policy names the invitation', () => {
    const invitation = new ConnectionInvitation(newStack(), 'Invitation', PROPS);
    expect(() => invitation.applyRemovalPolicy('keep' as never))
      .toThrow('Invalid ConnectionInvitation Stack/Invitation:\n  `removalPolicy` must be a RemovalPolicy (one of destroy, retain, snapshot, retain-on-update-or-delete), got: "keep"');
  });

  test.each<[string, unknown, string]>([
    ['given as a string', 'Sandbox', '`catalog` must be a Catalog (Catalog.AWS, Catalog.SANDBOX or Catalog.of(name)), got: a string'],
    ['whose name is not a string', Catalog.of(7 as unknown as string), '`catalog` must be a string (the name given to Catalog.of()), got: a number'],
    ['whose name the API refuses', Catalog.of('Prod!'), '`catalog` must be letters, digits and hyphens, got: "Prod!"'],
  ])('a catalog %s: the invitation, the accepter and the connection import say the same', (_what, catalog, message) => {
    const c = catalog as Catalog;
    expect(() => new ConnectionInvitation(newStack(), 'Invitation', { ...PROPS, catalog: c }))
      .toThrow(`Invalid ConnectionInvitation Stack/Invitation:\n  ${message}`);
    expect(() => new ConnectionInvitationAccepter(newStack(), 'Accepter', { invitationIdentifier: 'pacinv-0123456789abc', catalog: c }))
      .toThrow(`Invalid ConnectionInvitationAccepter Stack/Accepter:\n  ${message}`);
    expect(() => Connection.fromConnectionId(newStack(), 'Imported', 'pac-0123456789abc', c))
      .toThrow(`Invalid Connection import Stack/Imported:\n  ${message}`);
  });

  test('Catalog.isCatalog', () => {
    expect(Catalog.isCatalog(Catalog.AWS)).toBe(true);
    expect(Catalog.isCatalog(Catalog.of('Partner-Test'))).toBe(true);
    expect(Catalog.isCatalog('AWS')).toBe(false);
    expect(Catalog.isCatalog({ name: 'AWS' })).toBe(false);
    expect(Catalog.isCatalog(undefined)).toBe(false);
  });
});

describe('nothing is left behind by an invalid invitation', () => {
  test('a caught error leaves no construct, so the id can be used again and the stack still synthesizes', () => {
    const stack = newStack();
    expect(() => new ConnectionInvitation(stack, 'Invitation', untyped({ email: 42 }))).toThrow(/`email` must be a string/);
    expect(stack.node.tryFindChild('Invitation')).toBeUndefined();
    new ConnectionInvitation(stack, 'Invitation', PROPS);
    expect(Object.keys(Template.fromStack(stack).findResources('Custom::PartnerCentralConnectionInvitation'))).toHaveLength(1);
  });

  test('a refused second invitation to a receiver is not registered: a later valid one is judged on its own', () => {
    const stack = newStack();
    new ConnectionInvitation(stack, 'A', { ...PROPS, logRetention: logs.RetentionDays.ONE_MONTH });
    expect(() => new ConnectionInvitation(stack, 'B', { ...PROPS, logRetention: logs.RetentionDays.ONE_WEEK })).toThrow([
      'Invalid ConnectionInvitation Stack/B:',
      '  Stack/B invites pprofile-0123456789abc (OPPORTUNITY_COLLABORATION, catalog Sandbox) as Stack/A already does: '
        + 'Partner Central accepts one pending invitation per receiver, catalog and connection type, so declare one invitation per receiver',
      '  `logRetention` of Stack/B (7 days) differs from that of Stack/A (30 days): the invitations of a stack share one handler '
        + 'and one log group, so give them the same logRetention or leave it unset on all but one',
    ].join('\n'));
    expect(stack.node.tryFindChild('B')).toBeUndefined();
    new ConnectionInvitation(stack, 'C', { ...PROPS, receiverIdentifier: 'pprofile-0123456789abd' });
  });

  test('a token service timeout in another unit than seconds is a problem of the prop, not an aws-cdk-lib error', () => {
    const stack = newStack();
    const minutes = new CfnParameter(stack, 'Minutes', { type: 'Number' }).valueAsNumber;
    expect(() => new ConnectionInvitation(stack, 'Invitation', { ...PROPS, serviceTimeout: Duration.minutes(minutes) })).toThrow(
      'Invalid ConnectionInvitation Stack/Invitation:\n  `serviceTimeout` that is a token must be given in seconds, as Duration.seconds(token)');
    expect(stack.node.tryFindChild(PROVIDER_ID)).toBeUndefined();
  });

  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 123],
    ['an array', ['AWS']],
  ])('a Catalog made of %s is refused with the other problems', (what, name) => {
    expect(() => new ConnectionInvitation(newStack(), 'Invitation', { ...PROPS, catalog: Catalog.of(name as string) }))
      .toThrow(`Invalid ConnectionInvitation Stack/Invitation:\n  \`catalog\` must be a string (the name given to Catalog.of()), got: ${what}`);
  });

  test('another construct holding the provider\'s id is reported with the invitation\'s path', () => {
    const stack = newStack();
    new CfnParameter(stack, PROVIDER_ID);
    expect(() => new ConnectionInvitation(stack, 'Invitation', PROPS))
      .toThrow('Invalid ConnectionInvitation Stack/Invitation:\n  Stack/PartnerCentralConnectionInvitationProvider is reserved for the connection invitation provider');
  });
});
