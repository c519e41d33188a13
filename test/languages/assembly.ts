/**
 * Reads a cloud assembly for the comparison with the TypeScript one, normalized only where a
 * language must make it differ:
 *
 * - `AWS::CDK::Metadata`'s `Analytics` names the language's runtime (`node.js/v20...`,
 *   `Python/3.11...`, `Java/17...`, `go/1.26...`, each as `!jsii-runtime.Runtime`), and lists the
 *   constructs in the order the app's calls reached them. It is decoded, the runtime's entry is
 *   dropped, and the rest is compared as a sorted list.
 * - A stack template's own asset entry in `<stack>.assets.json` is named by the template's hash,
 *   which follows from the above. It is compared without its hash; every other asset (the
 *   handler's bundle) exactly.
 *
 * Everything else of each template and asset manifest must be equal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The parts of an assembly that are compared: per stack, its template and asset manifest. */
export interface Assembly {
  readonly stacks: Record<string, { readonly template: unknown; readonly assets: unknown }>;
  /** The runtime entries of the stacks' analytics: which language synthesized them. */
  readonly runtimes: string[];
}

/** Expands the prefix encoding of CDK's analytics (`2.177.0!aws-cdk-lib.{Stack,aws_iam.{Role}}`), as brace expansion. */
export function expandAnalytics(text: string): string[] {
  const parts = splitTopLevel(text);
  if (parts.length > 1) return parts.flatMap(expandAnalytics);
  const open = text.indexOf('{');
  if (open < 0) return text === '' ? [] : [text];
  let depth = 0;
  let close = open;
  for (; close < text.length; close++) {
    if (text[close] === '{') depth++;
    if (text[close] === '}' && --depth === 0) break;
  }
  const prefix = text.slice(0, open);
  const suffixes = close + 1 < text.length ? expandAnalytics(text.slice(close + 1)) : [''];
  return expandAnalytics(text.slice(open + 1, close)).flatMap((inner) => suffixes.map((suffix) => prefix + inner + suffix));
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') {depth++;} else if (text[i] === '}') {depth--;} else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const RUNTIME_ENTRY = /!jsii-runtime\.Runtime$/;

/** Decodes `v2:deflate64:<base64 gzip>` into its entries. */
export function decodeAnalytics(value: string): string[] {
  const match = /^v2:deflate64:(.+)$/.exec(value);
  if (!match) throw new Error(`unexpected Analytics format: ${value.slice(0, 40)}`);
  return expandAnalytics(gunzipSync(Buffer.from(match[1], 'base64')).toString('utf8'));
}

/** Reads the stacks of an assembly folder (its manifest's CloudFormation stacks). */
export function readAssembly(dir: string): Assembly {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, { template: unknown; assets: unknown }> = {};
  const runtimes = new Set<string>();
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile: string = artifact.properties.templateFile;
    const template = JSON.parse(fs.readFileSync(path.join(dir, templateFile), 'utf8'));
    const metadata = template.Resources?.CDKMetadata?.Properties;
    if (metadata?.Analytics) {
      const entries = decodeAnalytics(metadata.Analytics);
      entries.filter((e) => RUNTIME_ENTRY.test(e)).forEach((e) => runtimes.add(e));
      metadata.Analytics = entries.filter((e) => !RUNTIME_ENTRY.test(e)).sort();
    }
    const assetsFile = path.join(dir, `${id}.assets.json`);
    const assets = fs.existsSync(assetsFile) ? JSON.parse(fs.readFileSync(assetsFile, 'utf8')) : undefined;
    for (const [hash, file] of Object.entries<any>(assets?.files ?? {})) {
      if (file.source?.path !== templateFile) continue;
      delete assets.files[hash];
      assets.files['<the template>'] = JSON.parse(JSON.stringify(file).split(hash).join('<the template\'s hash>'));
    }
    stacks[id] = { template, assets };
  }
  return { stacks, runtimes: [...runtimes].sort() };
}

/** The differences between two JSON values, as paths with both sides (at most `limit`). */
export function differences(expected: unknown, actual: unknown, at = '', limit = 20): string[] {
  const out: string[] = [];
  const walk = (e: unknown, a: unknown, p: string) => {
    if (out.length >= limit) return;
    if (typeof e === 'object' && e !== null && typeof a === 'object' && a !== null && Array.isArray(e) === Array.isArray(a)) {
      const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
      for (const k of [...keys].sort()) walk((e as any)[k], (a as any)[k], `${p}/${k}`);
      return;
    }
    if (JSON.stringify(e) !== JSON.stringify(a)) out.push(`${p || '/'}: TypeScript ${JSON.stringify(e)}, here ${JSON.stringify(a)}`);
  };
  walk(expected, actual, at);
  return out;
}

/**
 * The contents of `file` in each folder asset (`packaging: zip`) the stacks of an assembly staged:
 * where the synth copied the handler bundle it found in the library's package.
 */
export function stagedAssetFiles(dir: string, file: string): Buffer[] {
  const found: Buffer[] = [];
  for (const manifest of fs.readdirSync(dir).filter((f) => f.endsWith('.assets.json'))) {
    const assets = JSON.parse(fs.readFileSync(path.join(dir, manifest), 'utf8'));
    for (const asset of Object.values<any>(assets.files ?? {})) {
      const staged = path.join(dir, asset.source?.path ?? '', file);
      if (asset.source?.packaging === 'zip' && fs.existsSync(staged)) found.push(fs.readFileSync(staged));
    }
  }
  return found;
}
