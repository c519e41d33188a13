/**
 * The published model of the PartnerCentral Account API, read from botocore at test time
 * (`partnercentral-account` 2025-04-04, `python3 -c "import botocore"`). botocore is a Python
 * package; where python3 or botocore is missing, `loadBotocoreModel` says so by name instead of
 * returning a model, and the tests that read it skip saying so, except in CI (`CI=true`), where
 * they fail.
 */
import { spawnSync } from 'node:child_process';

/** One shape of the model, as botocore's JSON carries it (documentation left out). */
export interface ModelShape {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly members?: Readonly<Record<string, { readonly shape: string }>>;
  readonly member?: { readonly shape: string };
  readonly sensitive?: boolean;
  readonly retryable?: unknown;
  readonly error?: { readonly httpStatusCode?: number };
}

/** The parts of the model the tests read. */
export interface BotocoreModel {
  /** botocore's version. */
  readonly version: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly operations: Readonly<Record<string, {
    readonly input: { readonly shape: string };
    readonly output: { readonly shape: string };
    readonly errors: readonly { readonly shape: string }[];
  }>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

const SCRIPT = `
import json, sys
try:
    import botocore, botocore.session
except ImportError:
    print(json.dumps({"missing": "botocore"})); sys.exit(0)
m = botocore.session.get_session().get_service_model('partnercentral-account', api_version='2025-04-04')
d = m._service_description
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k != 'documentation'}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
print(json.dumps({"version": botocore.__version__, "metadata": d["metadata"], "operations": strip(d["operations"]), "shapes": strip(d["shapes"])}))
`;

/** The model, or why it could not be read (`python3 is not installed`, `botocore is not installed`). */
export function loadBotocoreModel(): BotocoreModel | { readonly missing: string } {
  const run = spawnSync('python3', ['-c', SCRIPT], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) return { missing: 'python3 is not installed' };
  if (run.status !== 0) throw new Error(`reading botocore's model failed (exit ${run.status}): ${run.stderr}`);
  const out = JSON.parse(run.stdout) as BotocoreModel | { missing: string };
  if ('missing' in out) return { missing: 'botocore is not installed (pip install botocore)' };
  return out;
}

/** A model shape by name; throws when the model has no such shape. */
export function shape(model: BotocoreModel, name: string): ModelShape {
  const s = model.shapes[name];
  if (!s) throw new Error(`botocore's model has no shape ${name}`);
  return s;
}

/** The shape of a member of a structure. */
export function memberShape(model: BotocoreModel, structure: string, member: string): ModelShape {
  const m = shape(model, structure).members?.[member];
  if (!m) throw new Error(`${structure} has no member ${member} in botocore's model`);
  return shape(model, m.shape);
}

/**
 * The model's pattern as the service applies it: Smithy patterns are not anchored (ECMA 262
 * `test` semantics), and every pattern of this model is written to match a whole value, so the
 * library's anchored rule is compared with `^(?:pattern)$`.
 */
export function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}
