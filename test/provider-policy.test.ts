/**
 * The provider role's statements as functions of what the stack registered: the catalog
 * spellings an ARN may carry, which statements a stack of invitations, accepters or both gets,
 * and the cancel policy's catalog-agnostic ARNs.
 */
import { App, Stack, Token } from 'aws-cdk-lib';
import { DOCUMENTED_CATALOGS } from '../src/private/provider-actions';
import {
  cancelPolicyStatements,
  catalogSpellings,
  connectionArnPatterns,
  invitationArnPatterns,
  roleArnPatterns,
  roleStatements,
  RolePolicyInputs,
} from '../src/private/provider-policy';

const NONE: RolePolicyInputs = {
  logGroupArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:handler',
  logStreamsArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:handler:*',
  invitationCatalogs: [],
  accepterCatalogs: [],
  senderSearchCatalogs: [],
  inVpc: false,
};

function stack(): Stack {
  return new Stack(new App(), 'Policy', { env: { account: '111111111111', region: 'eu-west-1' } });
}

function rendered(inputs: Partial<RolePolicyInputs>): any[] {
  const s = stack();
  return roleStatements(s, { ...NONE, ...inputs }).map((statement) => s.resolve(statement.toStatementJson()));
}

describe('catalogSpellings', () => {
  test('a catalog as written, in lower and upper case', () => {
    expect(catalogSpellings('Partners')).toEqual(['PARTNERS', 'Partners', 'partners']);
  });

  test('a documented catalog in any case gives its documented spelling too', () => {
    expect(catalogSpellings('sandbox')).toEqual(['SANDBOX', 'Sandbox', 'sandbox']);
    expect(catalogSpellings('aws')).toEqual(['AWS', 'aws']);
  });

  test('a token stands for itself', () => {
    const token = Token.asString({ Ref: 'Catalog' });
    expect(catalogSpellings(token)).toEqual([token]);
  });
});

describe('ARN patterns', () => {
  test('every spelling of every catalog, sorted, once, in Partner Central\'s region', () => {
    const s = stack();
    expect(invitationArnPatterns(s, ['Sandbox', 'sandbox'])).toEqual(['SANDBOX', 'Sandbox', 'sandbox']
      .map((c) => `arn:${s.partition}:partnercentral:us-east-1::catalog/${c}/connection-invitation/*`));
    expect(connectionArnPatterns(s, ['AWS'])).toEqual(['AWS', 'aws']
      .map((c) => `arn:${s.partition}:partnercentral:us-east-1::catalog/${c}/connection/*`));
  });

  test('the role names connections only when the stack has an accepter', () => {
    const s = stack();
    expect(roleArnPatterns(s, { ...NONE, invitationCatalogs: ['Partners'] })).toEqual({
      invitations: invitationArnPatterns(s, [...DOCUMENTED_CATALOGS, 'Partners']),
      connections: [],
    });
    expect(roleArnPatterns(s, { ...NONE, accepterCatalogs: ['Partners'] })).toEqual({
      invitations: invitationArnPatterns(s, [...DOCUMENTED_CATALOGS, 'Partners']),
      connections: connectionArnPatterns(s, [...DOCUMENTED_CATALOGS, 'Partners']),
    });
  });
});

describe('roleStatements', () => {
  const sids = (inputs: Partial<RolePolicyInputs>) => rendered(inputs).map((statement) => statement.Sid);

  test('a stack of invitations sends in its catalogs, manages and lists in those and the documented ones', () => {
    const [logs, send, manage, list] = rendered({ invitationCatalogs: ['Partners', 'AWS'] });
    expect(logs.Resource).toEqual([NONE.logGroupArn, NONE.logStreamsArn]);
    expect(send).toMatchObject({
      Sid: 'SendConnectionInvitations',
      Resource: '*',
      Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Partners'] } },
    });
    expect(manage.Condition.StringEqualsIgnoreCase['partnercentral:Catalog']).toEqual(['AWS', 'Partners', 'Sandbox']);
    expect(list).toMatchObject({ Sid: 'ListConnectionInvitations', Resource: '*' });
  });

  test('which statements each kind of stack gets, in one order', () => {
    expect(sids({})).toEqual(['WriteOwnLogs', 'ManageConnectionInvitations', 'ListConnectionInvitations']);
    expect(sids({ invitationCatalogs: ['AWS'] })).toEqual(['WriteOwnLogs', 'SendConnectionInvitations',
      'ManageConnectionInvitations', 'ListConnectionInvitations']);
    expect(sids({ accepterCatalogs: ['AWS'] })).toEqual(['WriteOwnLogs', 'ManageConnectionInvitations',
      'ListConnectionInvitations', 'AcceptConnectionInvitations', 'ReadConnections']);
    expect(sids({ invitationCatalogs: ['AWS'], accepterCatalogs: ['AWS'], senderSearchCatalogs: ['AWS'], inVpc: true }))
      .toEqual(['WriteOwnLogs', 'SendConnectionInvitations', 'ManageConnectionInvitations', 'ListConnectionInvitations',
        'AcceptConnectionInvitations', 'ReadConnections', 'FindReceivedConnectionInvitations', 'ManageNetworkInterfaces']);
  });

  test('the statements grow with the catalogs, not with how often one is registered', () => {
    expect(rendered({ invitationCatalogs: ['AWS'] })).toEqual(rendered({ invitationCatalogs: ['AWS', 'AWS', 'AWS'] }));
  });
});

describe('cancelPolicyStatements', () => {
  test('every catalog\'s invitations and connections, no catalog condition', () => {
    const s = stack();
    const { statements, invitations, connections } = cancelPolicyStatements(s);
    expect(invitations).toEqual([`arn:${s.partition}:partnercentral:us-east-1::catalog/*/connection-invitation/*`]);
    expect(connections).toEqual([`arn:${s.partition}:partnercentral:us-east-1::catalog/*/connection/*`]);
    const json = statements.map((statement) => s.resolve(statement.toStatementJson()));
    expect(json.map((statement) => statement.Sid)).toEqual(['ReadAcceptedConnectionInvitations', 'CancelAcceptedConnections']);
    expect(json.every((statement) => statement.Condition === undefined)).toBe(true);
  });
});
