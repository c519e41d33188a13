/**
 * cdk-nag's NIST 800-53 R5 and HIPAA Security packs, with the installed cdk-nag major, on the
 * provider: a configured stack (InvitationProvider.configure) leaves nothing on the library's
 * resources, the library's own acknowledgements are exactly the rules the README lists as
 * acknowledged, with the reasons it quotes, and a stack without a configuration shows exactly what the
 * configuration fixes. AwsSolutions stays clean with the configuration too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ConnectionInvitation, ConnectionInvitationAccepter, InvitationProvider, InvitationProviderProps } from '../src';
import { logsKey, regulatedProvider, SANDBOX_INVITATION } from './support/apps';
import { NAG_MAJOR } from './support/matrix';
import { NagPackName, nagFindings, withoutLibraryAcknowledgements } from './support/nag';
import { NAG_METADATA_KEY } from '../src/private/nag-acknowledge';
import * as nagReasons from '../src/private/nag-reasons';
import * as nagSuppressions from '../src/private/nag-suppressions';
import { CANCEL_POLICY_ID, PROVIDER_ID } from '../src/private/provider';

/** aws-cdk-lib's metadata type for acknowledgements (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`, 2.257 and later). */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

const PACKS: NagPackName[] = ['NIST.800.53.R5', 'HIPAA.Security'];

/** A stack of two invitations, its provider configured with `configure` (or the defaults when it is undefined). */
function stackOf(configure?: (stack: Stack) => InvitationProviderProps): Stack {
  const stack = new Stack(new App(), 'Regulated');
  if (configure) InvitationProvider.configure(stack, configure(stack));
  new ConnectionInvitation(stack, 'Partner', SANDBOX_INVITATION);
  new ConnectionInvitation(stack, 'Other', { ...SANDBOX_INVITATION, receiverIdentifier: 'pprofile-0000000000def' });
  return stack;
}

/** `stackOf`, with an accepter that cancels on delete (so the provider has its cancel policy). */
function accepterStackOf(configure?: (stack: Stack) => InvitationProviderProps): Stack {
  const stack = stackOf(configure);
  new ConnectionInvitationAccepter(stack, 'Accepter', { invitationIdentifier: 'pacinv-0123456789abc', cancelOnDelete: { reason: 'The subsidiary was sold.' } });
  return stack;
}

/** The findings on the library's constructs (the provider and the invitations), as `path: rule`. */
function libraryFindings(stack: Stack, pack: NagPackName): string[] {
  return nagFindings(stack, pack)
    .filter((f) => [PROVIDER_ID, 'Partner', 'Other', 'Accepter'].some((id) => f.path.startsWith(`${stack.node.path}/${id}/`)))
    .map((f) => `${f.path.slice(stack.node.path.length + 1)}: ${f.rule}`);
}

const FUNCTION = `${PROVIDER_ID}/Function/Resource`;
const ROLE = `${PROVIDER_ID}/Role/Resource`;
const LOG_GROUP = `${PROVIDER_ID}/LogGroup/Resource`;
const CANCEL_POLICY = `${PROVIDER_ID}/${CANCEL_POLICY_ID}/Resource`;

/** The README's compliance pack table: its row for `rule` on `on` (the "Rule (both packs)" and "On" cells). */
function readmeRow(rule: string, on: string): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => l.startsWith(`| \`${rule}\` | ${on} | `));
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe.each(PACKS)(`cdk-nag ${NAG_MAJOR} %s`, (pack) => {
  test('finds nothing on the library\'s resources of a configured stack', () => {
    expect(libraryFindings(stackOf(regulatedProvider), pack)).toEqual([]);
  });

  test('finds nothing on the library\'s resources of a configured stack with an accepter that cancels on delete', () => {
    expect(libraryFindings(accepterStackOf(regulatedProvider), pack)).toEqual([]);
  });

  test('finds nothing on the library\'s resources of a stack configured with the user\'s own log group', () => {
    const stack = stackOf((s) => ({
      ...regulatedProvider(s, { logRetention: undefined, logEncryptionKey: undefined }),
      logGroup: new logs.LogGroup(s, 'AuditLogs', { retention: logs.RetentionDays.TEN_YEARS, encryptionKey: logsKey(s, 'LogsKey') }),
    }));
    expect(libraryFindings(stack, pack)).toEqual([]);
  });

  test('without a configuration, shows exactly what the configuration fixes: concurrency, VPC, log encryption', () => {
    expect(libraryFindings(stackOf(), pack).sort()).toEqual([
      `${FUNCTION}: ${pack}-LambdaConcurrency`,
      `${FUNCTION}: ${pack}-LambdaInsideVPC`,
      `${LOG_GROUP}: ${pack}-CloudWatchLogGroupEncrypted`,
    ].sort());
  });

  test('the README lists as acknowledged by the library exactly the findings its acknowledgements hide, one row each', () => {
    const listed = readFileSync(join(__dirname, '..', 'README.md'), 'utf8').split('\n')
      .filter((l) => /^\| `[A-Za-z0-9]+` \| .* \| \*\*acknowledged by the library\*\*/.test(l))
      .map((l) => l.slice(3, l.indexOf('`', 3)));
    const hidden = libraryFindings(withoutLibraryAcknowledgements(() => accepterStackOf(regulatedProvider)), pack)
      .map((f) => f.slice(f.indexOf(`: ${pack}-`) + `: ${pack}-`.length));
    expect(listed.sort()).toEqual(hidden.sort());
  });

  test('without the library\'s acknowledgements, a configured stack has exactly the rules the README lists', () => {
    const spy = jest.spyOn(nagSuppressions, 'addProviderNagSuppressions').mockImplementation(() => () => undefined);
    let stack: Stack;
    try {
      stack = stackOf(regulatedProvider);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(libraryFindings(stack, pack).sort()).toEqual([
      `${FUNCTION}: ${pack}-LambdaDLQ`,
      `${ROLE}: ${pack}-IAMNoInlinePolicy`,
    ].sort());
  });

  test('without the library\'s acknowledgements, the cancel policy has IAMNoInlinePolicy too', () => {
    const stack = withoutLibraryAcknowledgements(() => accepterStackOf(regulatedProvider));
    expect(libraryFindings(stack, pack).sort()).toEqual([
      `${FUNCTION}: ${pack}-LambdaDLQ`,
      `${ROLE}: ${pack}-IAMNoInlinePolicy`,
      `${CANCEL_POLICY}: ${pack}-IAMNoInlinePolicy`,
    ].sort());
  });

  test('the library acknowledges IAMNoInlinePolicy on the cancel policy, with the README\'s reason', () => {
    expect(readmeRow('IAMNoInlinePolicy', 'cancel policy (with an accepter that has `cancelOnDelete`)')).toContain(`with the reason "${nagReasons.CANCEL_POLICY_REASON}"`);
    const stack = accepterStackOf(regulatedProvider);
    const policy = stack.node.findChild(PROVIDER_ID).node.findChild(CANCEL_POLICY_ID).node.defaultChild as CfnResource;
    const v2 = (policy.getMetadata(NAG_METADATA_KEY) as { rules_to_suppress: { id: string; reason: string }[] })
      .rules_to_suppress.filter((r) => r.id.startsWith(`${pack}-`));
    expect(v2).toEqual([{ id: `${pack}-IAMNoInlinePolicy`, reason: nagReasons.CANCEL_POLICY_REASON }]);
    if (NAG_MAJOR === 3) {
      const v3 = Object.entries(Object.assign({}, ...policy.node.metadata
        .filter((m) => m.type === ACKNOWLEDGED_RULES).map((m) => m.data as Record<string, string>)) as Record<string, string>)
        .map(([id, reason]) => [id.replace(/^[A-Za-z]+::/, ''), reason])
        .filter(([id]) => id.startsWith(`${pack}-`));
      expect(v3).toEqual([[`${pack}-IAMNoInlinePolicy`, nagReasons.CANCEL_POLICY_REASON]]);
    }
  });

  test('the library acknowledges LambdaDLQ on its function and IAMNoInlinePolicy on its role, with the README\'s reasons', () => {
    expect(readmeRow('LambdaDLQ', 'function')).toContain(`with the reason "${nagReasons.DLQ_REASON}"`);
    expect(readmeRow('IAMNoInlinePolicy', 'role')).toContain(`with the reason "${nagReasons.INLINE_POLICY_REASON}"`);
    const stack = stackOf(regulatedProvider);
    const provider = stack.node.findChild(PROVIDER_ID);
    const v2 = (path: string) => ((provider.node.findChild(path).node.defaultChild as CfnResource)
      .getMetadata(NAG_METADATA_KEY) as { rules_to_suppress: { id: string; reason: string }[] })
      .rules_to_suppress.filter((r) => r.id.startsWith(`${pack}-`));
    expect(v2('Function')).toEqual([{ id: `${pack}-LambdaDLQ`, reason: nagReasons.DLQ_REASON }]);
    expect(v2('Role')).toEqual([{ id: `${pack}-IAMNoInlinePolicy`, reason: nagReasons.INLINE_POLICY_REASON }]);
    if (NAG_MAJOR === 3) {
      const v3 = (path: string) => Object.entries(Object.assign({}, ...provider.node.findChild(path).node.defaultChild!.node.metadata
        .filter((m) => m.type === ACKNOWLEDGED_RULES).map((m) => m.data as Record<string, string>)) as Record<string, string>)
        .map(([id, reason]) => [id.replace(/^[A-Za-z]+::/, ''), reason])
        .filter(([id]) => id.startsWith(`${pack}-`));
      expect(v3('Function')).toEqual([[`${pack}-LambdaDLQ`, nagReasons.DLQ_REASON]]);
      expect(v3('Role')).toEqual([[`${pack}-IAMNoInlinePolicy`, nagReasons.INLINE_POLICY_REASON]]);
    }
  });
});

describe(`cdk-nag ${NAG_MAJOR} AwsSolutions`, () => {
  test.each<[string, ((stack: Stack) => InvitationProviderProps) | undefined]>([
    ['without a configuration', undefined],
    ['with the configuration of a regulated account', regulatedProvider],
    ['with the user\'s own log group', (s) => ({ logGroup: new logs.LogGroup(s, 'AuditLogs', { retention: logs.RetentionDays.TEN_YEARS }) })],
  ])('finds nothing on the library\'s resources %s', (_name, configure) => {
    expect(libraryFindings(stackOf(configure), 'AwsSolutions')).toEqual([]);
    expect(libraryFindings(accepterStackOf(configure), 'AwsSolutions')).toEqual([]);
  });
});
