/**
 * Reading a cloud assembly (`cdk.out`) the way the CDK CLI deploys it: its stacks, their
 * templates and environments, nested assemblies (stages), and the order of deployment.
 *
 * Node built-ins only.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { topologicalOrder } from './dependency-order';
import { partitionOf, PseudoParameters } from './pseudo-parameters';
import type { CfnTemplate } from './template';

/** The account the rehearsal uses where the app leaves it unknown. */
export const REHEARSAL_ACCOUNT = '123456789012';

/** The region the rehearsal uses where the app leaves it unknown. */
export const REHEARSAL_REGION = 'us-east-1';

const STACK_TYPE = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_TYPE = 'cdk:cloud-assembly';

/** The parts of `manifest.json` the rehearsal reads. */
interface Manifest {
  readonly artifacts?: { readonly [id: string]: ManifestArtifact };
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly dependencies?: readonly string[];
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly parameters?: { readonly [name: string]: string };
    readonly directoryName?: string;
    readonly displayName?: string;
  };
  readonly metadata?: { readonly [path: string]: ReadonlyArray<{ readonly type: string; readonly data?: unknown }> };
}

/** One stack of the assembly, ready to rehearse. */
export interface AssemblyStack {
  /** Unique within the whole assembly: the artifact id, prefixed by its nested assembly's directory. */
  readonly key: string;
  /** The artifact id in its own manifest. */
  readonly artifactId: string;
  /** The name the CDK CLI shows (`Stage/Stack` for a stack in a stage). */
  readonly displayName: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The template file, absolute. */
  readonly templateFile: string;
  /** The template. */
  readonly template: CfnTemplate;
  /** The keys of the stacks it depends on. */
  readonly dependencies: readonly string[];
  /** The account, or the rehearsal's where the app leaves it unknown. */
  readonly account: string;
  /** The region, or the rehearsal's where the app leaves it unknown. */
  readonly region: string;
  /** Parameter values the assembly gives the stack. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Construct paths by logical id, from the manifest's `aws:cdk:logicalId` metadata. */
  readonly constructPaths: Readonly<Record<string, string>>;
}

/**
 * Reads the stacks of a cloud assembly and of its nested assemblies, in deployment order
 * (every stack after its dependencies; otherwise in manifest order).
 *
 * @param dir the assembly directory (`cdk.out`)
 * @throws Error when the directory is not a cloud assembly, a template is missing, or
 *   stacks depend on each other in a cycle
 */
export function readAssembly(dir: string): AssemblyStack[] {
  const root = path.resolve(dir);
  const manifestFile = path.join(root, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new Error(`${dir} is not a cloud assembly: it has no manifest.json (run cdk synth first)`);
  }
  const stacks: AssemblyStack[] = [];
  collect(root, '', stacks, new Set());
  const byKey = new Map(stacks.map((s) => [s.key, s]));
  const order = topologicalOrder(stacks.map((s) => s.key), (key) => byKey.get(key)?.dependencies ?? [], 'stacks');
  return order.map((key) => byKey.get(key)!);
}

function collect(dir: string, prefix: string, out: AssemblyStack[], seen: Set<string>): void {
  const real = fs.realpathSync(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const artifacts = manifest.artifacts ?? {};
  const keyOf = (id: string) => (prefix ? `${prefix}/${id}` : id);
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact.type === NESTED_ASSEMBLY_TYPE) {
      const sub = artifact.properties?.directoryName;
      if (sub === undefined) continue;
      collect(path.join(dir, sub), keyOf(sub), out, seen);
      continue;
    }
    if (artifact.type !== STACK_TYPE) continue;
    const templateFile = path.join(dir, artifact.properties?.templateFile ?? `${id}.template.json`);
    if (!fs.existsSync(templateFile)) {
      throw new Error(`the template of stack ${artifact.displayName ?? id} is missing: ${templateFile}`);
    }
    const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as CfnTemplate;
    const env = parseEnvironment(artifact.environment);
    const constructPaths: Record<string, string> = {};
    for (const [p, entries] of Object.entries(artifact.metadata ?? {})) {
      for (const e of entries) {
        if (e.type === 'aws:cdk:logicalId' && typeof e.data === 'string') constructPaths[e.data] = p.replace(/^\//, '');
      }
    }
    out.push({
      key: keyOf(id),
      artifactId: id,
      displayName: artifact.displayName ?? id,
      stackName: artifact.properties?.stackName ?? id,
      templateFile,
      template,
      dependencies: (artifact.dependencies ?? [])
        .filter((d) => artifacts[d]?.type === STACK_TYPE)
        .map(keyOf),
      account: env.account,
      region: env.region,
      parameters: { ...(artifact.properties?.parameters ?? {}) },
      constructPaths,
    });
  }
}

/** Account and region of `aws://account/region`, with the rehearsal's values for unknown ones. */
export function parseEnvironment(environment: string | undefined): { account: string; region: string } {
  const m = /^aws:\/\/([^/]*)\/(.*)$/.exec(environment ?? '');
  const account = m && /^\d{12}$/.test(m[1]) ? m[1] : REHEARSAL_ACCOUNT;
  const region = m && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(m[2]) ? m[2] : REHEARSAL_REGION;
  return { account, region };
}

/** The pseudo parameters of a stack during the rehearsal. */
export function pseudoParameters(stack: AssemblyStack): PseudoParameters {
  const { partition, urlSuffix } = partitionOf(stack.region);
  return {
    region: stack.region,
    accountId: stack.account,
    stackName: stack.stackName,
    stackId: `arn:${partition}:cloudformation:${stack.region}:${stack.account}:stack/${stack.stackName}/${rehearsalUuid(stack.key)}`,
    partition,
    urlSuffix,
  };
}

/** A fixed, UUID-shaped id derived from a name, so that rehearsals repeat exactly. */
export function rehearsalUuid(name: string): string {
  const s = createHash('sha256').update(name).digest('hex');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
