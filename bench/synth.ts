/**
 * Benchmark 1, synth at scale: N invitations in one stack with `ConnectionInvitation` and with
 * the equivalent `AwsCustomResource`, each synthesis in a fresh child process (fresh App),
 * the two variants alternating so that drift of the machine hits both alike.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Variant, VARIANT_LABEL, VARIANTS } from './apps';
import { fmt, Goal, goalTable, round, Spread, spread, table, title } from './stats';
import { RESULT_PREFIX } from './synth-child';
import { ROLE_INLINE_POLICY_LIMIT, STACK_RESOURCE_LIMIT, TemplateStats, TEMPLATE_BYTES_LIMIT } from './template-stats';

/** The stack sizes measured. */
export const SIZES = [1, 100, 500] as const;

/** One child's report. */
export interface SynthSample extends TemplateStats {
  readonly variant: Variant;
  readonly n: number;
  readonly synthMs: number;
}

/** The figures of one variant at one size. */
export interface SynthCell {
  readonly variant: Variant;
  readonly n: number;
  readonly synthMs: Spread;
  readonly samplesMs: number[];
  readonly stats: TemplateStats;
}

/** A limit of one variant, computed from the growth per invitation and checked by synthesis. */
export interface LimitCheck {
  /** The largest N computed to stay within the limit. */
  readonly largestN: number;
  /** The figure at `largestN` and at `largestN + 1`, as synthesized. */
  readonly atLargest: number;
  readonly atNext: number;
  /** Whether the synthesized figures agree with the computation. */
  readonly verified: boolean;
}

/** Everything benchmark 1 reports. */
export interface SynthResults {
  readonly runs: number;
  readonly cells: SynthCell[];
  readonly perVariant: Record<Variant, {
    /** Marginal template bytes per invitation: (bytes(500) - bytes(1)) / 499. */
    readonly templateBytesPerInvitation: number;
    /** The floor: the same invitations as bare custom resources (see `TemplateStats.bareInvitationBytes`), at N = 500. */
    readonly bareBytesPerInvitation: number;
    /** Marginal IAM policy bytes per invitation, over the same range. */
    readonly iamBytesPerInvitation: number;
    /** Marginal resources per invitation, and the resources that do not scale. */
    readonly resourcesPerInvitation: number;
    readonly fixedResources: number;
    /** The largest N within the role's inline policy limit (`null` when the policy does not grow). */
    readonly policyLimit: LimitCheck | null;
    /** The largest N within CloudFormation's 500-resource limit. */
    readonly resourceLimit: LimitCheck;
  }>;
  /** Median synth time of ours over that of AwsCustomResource at N = 500. */
  readonly synthRatioAt500: number;
  readonly goals: Goal[];
}

const CHILD = path.join(__dirname, 'synth-child.ts');

/** Runs one synthesis in a fresh process and returns its report. */
function synthInChild(variant: Variant, n: number): SynthSample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-partnercentral-bench-'));
  try {
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD, variant, String(n), outdir], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (child.status !== 0 || !line) {
      throw new Error(`synthesis of ${n} ${variant} failed (exit ${child.status}):\n${child.stderr}`);
    }
    return JSON.parse(line.slice(RESULT_PREFIX.length)) as SynthSample;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function checkLimit(
  variant: Variant,
  largestN: number,
  figure: (s: SynthSample) => number,
  limit: number,
): LimitCheck {
  const atLargest = figure(synthInChild(variant, largestN));
  const atNext = figure(synthInChild(variant, largestN + 1));
  return { largestN, atLargest, atNext, verified: atLargest <= limit && atNext > limit };
}

/** Runs benchmark 1 with `runs` repetitions of every (variant, N). */
export function runSynth(runs: number, log: (line: string) => void): SynthResults {
  const samples = new Map<string, SynthSample[]>();
  const key = (v: Variant, n: number): string => `${v}/${n}`;
  for (let rep = 0; rep < runs; rep++) {
    // Alternate which variant goes first, so neither always runs on a warmer (or hotter) machine.
    const order = rep % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
    for (const n of SIZES) {
      for (const variant of order) {
        const s = synthInChild(variant, n);
        if (s.invitations !== n) throw new Error(`expected ${n} invitations in the ${variant} template, found ${s.invitations}`);
        const list = samples.get(key(variant, n)) ?? [];
        list.push(s);
        samples.set(key(variant, n), list);
      }
    }
    log(`  synth: repetition ${rep + 1}/${runs} done`);
  }

  const cells: SynthCell[] = [];
  for (const variant of VARIANTS) {
    for (const n of SIZES) {
      const list = samples.get(key(variant, n))!;
      const samplesMs = list.map((s) => round(s.synthMs, 1));
      const { synthMs: _, variant: _v, n: _n, ...stats } = list[0];
      cells.push({ variant, n, synthMs: spread(list.map((s) => s.synthMs)), samplesMs, stats });
    }
  }
  const cell = (v: Variant, n: number): SynthCell => cells.find((c) => c.variant === v && c.n === n)!;
  const lo = SIZES[0];
  const hi = SIZES[SIZES.length - 1];

  const perVariant = {} as SynthResults['perVariant'];
  for (const variant of VARIANTS) {
    const a = cell(variant, lo).stats;
    const b = cell(variant, hi).stats;
    const perInv = (f: (s: TemplateStats) => number): number => (f(b) - f(a)) / (hi - lo);
    const iamBytesPerInvitation = perInv((s) => s.largestRolePolicyBytes);
    const resourcesPerInvitation = perInv((s) => s.resources);
    const fixedResources = a.resources - resourcesPerInvitation * lo;

    let policyLimit: LimitCheck | null = null;
    if (iamBytesPerInvitation > 0) {
      const base = a.largestRolePolicyBytes - iamBytesPerInvitation * lo;
      const largestN = Math.floor((ROLE_INLINE_POLICY_LIMIT - base) / iamBytesPerInvitation);
      log(`  synth: checking the ${VARIANT_LABEL[variant]} role policy limit at N = ${largestN} and ${largestN + 1}`);
      policyLimit = checkLimit(variant, largestN, (s) => s.largestRolePolicyBytes, ROLE_INLINE_POLICY_LIMIT);
    }
    const largestByResources = Math.floor((STACK_RESOURCE_LIMIT - fixedResources) / resourcesPerInvitation);
    log(`  synth: checking the ${VARIANT_LABEL[variant]} resource limit at N = ${largestByResources} and ${largestByResources + 1}`);
    const resourceLimit = checkLimit(variant, largestByResources, (s) => s.resources, STACK_RESOURCE_LIMIT);

    perVariant[variant] = {
      templateBytesPerInvitation: perInv((s) => s.templateBytes),
      bareBytesPerInvitation: b.bareInvitationBytes,
      iamBytesPerInvitation,
      resourcesPerInvitation,
      fixedResources,
      policyLimit,
      resourceLimit,
    };
  }

  const ours = perVariant.ours;
  const synthRatioAt500 = cell('ours', hi).synthMs.median / cell('awsCustomResource', hi).synthMs.median;
  const iamConstant = SIZES.every((n) => cell('ours', n).stats.largestRolePolicyBytes === cell('ours', lo).stats.largestRolePolicyBytes);
  const oneFunction = SIZES.every((n) => cell('ours', n).stats.lambdaFunctions === 1);
  const goals: Goal[] = [
    {
      goal: 'one Lambda function per stack',
      measured: SIZES.map((n) => `${cell('ours', n).stats.lambdaFunctions} at N=${n}`).join(', '),
      met: oneFunction,
    },
    {
      goal: 'IAM policy bytes constant in N',
      measured: SIZES.map((n) => `${fmt(cell('ours', n).stats.largestRolePolicyBytes)} B at N=${n}`).join(', '),
      met: iamConstant,
    },
    {
      goal: 'template bytes per invitation <= 480',
      measured: `${fmt(ours.templateBytesPerInvitation, 1)} B (floor, a bare custom resource with the same properties: ${fmt(ours.bareBytesPerInvitation, 1)} B)`,
      met: ours.templateBytesPerInvitation <= 480,
    },
    {
      goal: 'synth time <= 0.5 x AwsCustomResource at N=500',
      measured: `${fmt(synthRatioAt500, 2)} x (${fmt(cell('ours', hi).synthMs.median)} ms vs ${fmt(cell('awsCustomResource', hi).synthMs.median)} ms)`,
      met: synthRatioAt500 <= 0.5,
    },
    {
      goal: `largest N within ${STACK_RESOURCE_LIMIT} resources stated (and checked)`,
      measured: `N = ${ours.resourceLimit.largestN} (${ours.resourceLimit.atLargest} resources; N+1 gives ${ours.resourceLimit.atNext})`,
      met: ours.resourceLimit.verified,
    },
  ];

  return { runs, cells, perVariant, synthRatioAt500, goals };
}

/** The printed report of benchmark 1. */
export function reportSynth(r: SynthResults): string {
  const rows = r.cells.map((c) => [
    VARIANT_LABEL[c.variant],
    String(c.n),
    fmt(c.synthMs.median),
    `${fmt(c.synthMs.min)}-${fmt(c.synthMs.max)}`,
    fmt(c.stats.templateBytes),
    fmt(c.stats.largestRolePolicyBytes),
    String(c.stats.iamPolicies),
    String(c.stats.lambdaFunctions),
    String(c.stats.resources),
  ]);
  const perRows = VARIANTS.map((v) => {
    const p = r.perVariant[v];
    const policy = p.policyLimit
      ? `N = ${p.policyLimit.largestN} (${fmt(p.policyLimit.atLargest)} B; N+1: ${fmt(p.policyLimit.atNext)} B)${p.policyLimit.verified ? '' : ' UNVERIFIED'}`
      : 'never (constant)';
    return [
      VARIANT_LABEL[v],
      fmt(p.templateBytesPerInvitation, 1),
      fmt(p.bareBytesPerInvitation, 1),
      fmt(p.iamBytesPerInvitation, 1),
      `${fmt(p.resourcesPerInvitation, 0)} + ${fmt(p.fixedResources, 0)}`,
      policy,
      `N = ${p.resourceLimit.largestN}${p.resourceLimit.verified ? '' : ' UNVERIFIED'}`,
    ];
  });
  const largestAcr = Math.min(
    r.perVariant.awsCustomResource.policyLimit?.largestN ?? Infinity,
    r.perVariant.awsCustomResource.resourceLimit.largestN,
  );
  const big = r.cells.filter((c) => c.n === SIZES[SIZES.length - 1]);
  return [
    title(`1. Synth at scale (fresh App in a fresh process, median of ${r.runs} runs, variants alternating)`),
    table(['construct', 'N', 'synth ms', 'min-max', 'template B', 'IAM B', 'policies', 'functions', 'resources'], rows),
    '',
    table(['construct', 'template B/inv', 'bare custom resource B/inv', 'IAM B/inv', 'resources/inv + fixed', `role policy > ${fmt(ROLE_INLINE_POLICY_LIMIT)} B after`, `<= ${STACK_RESOURCE_LIMIT} resources up to`], perRows),
    '',
    `Synth time at N=500, ours / AwsCustomResource: ${fmt(r.synthRatioAt500, 2)}.`,
    `Largest N in one stack: ConnectionInvitation ${r.perVariant.ours.resourceLimit.largestN}, AwsCustomResource ${largestAcr}. `
      + `Template bytes at N=500: ${big.map((c) => `${VARIANT_LABEL[c.variant]} ${fmt(c.stats.templateBytes)}`).join(', ')} (limit ${fmt(TEMPLATE_BYTES_LIMIT)} through S3).`,
    'More invitations than that: split them across stacks; each stack gets its own provider (one function, one role, one log group).',
    '',
    goalTable(r.goals),
  ].join('\n');
}
