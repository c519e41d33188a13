/**
 * The modules the contributor docs name, read from the docs themselves, so that the tests that
 * hold the tree to them (test/house-rules.test.ts, test/handler-imports.test.ts) read one list:
 * lambda/README.md's module table (each row names its modules by their path under lambda/, and
 * a role that starts with "Pure:" marks them pure), and CONTRIBUTING.md's layout tree (each
 * module named under the heading of its folder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** One row of lambda/README.md's module table. */
export interface ModuleRow {
  /** The modules the row names, by their path under lambda/ (`common/fence.ts`). */
  readonly modules: readonly string[];
  /** Whether the row's role starts with "Pure:". */
  readonly pure: boolean;
}

/** The rows of the `| Module | Role |` table of lambda/README.md (or of `text`). */
export function lambdaModuleRows(text = fs.readFileSync(path.join(ROOT, 'lambda', 'README.md'), 'utf8')): ModuleRow[] {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => /^\|\s*Module\s*\|\s*Role\s*\|\s*$/.test(l));
  if (head < 0) throw new Error('lambda/README.md has no | Module | Role | table');
  const rows: ModuleRow[] = [];
  for (const line of lines.slice(head + 2)) {
    const cells = /^\|([^|]*)\|(.*)\|\s*$/.exec(line);
    if (!cells) break;
    rows.push({
      modules: [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      pure: cells[2].trim().startsWith('Pure:'),
    });
  }
  return rows;
}

/** The modules lambda/README.md marks pure, by their path under lambda/. */
export function pureLambdaModules(): string[] {
  return lambdaModuleRows().filter((r) => r.pure).flatMap((r) => r.modules);
}

/**
 * The modules (`*.ts`) that the first code block after `## The layout` of CONTRIBUTING.md (or of
 * `text`) names, each by its path from the root: a line whose first word ends with `/` is the
 * heading of a folder inside the heading above it (the one less indented), and a name on any
 * line is a module of the nearest folder heading less indented than that line.
 */
export function layoutTreeModules(text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8')): string[] {
  const block = /^## The layout\n[\s\S]*?^```\n([\s\S]*?)^```/m.exec(text);
  if (!block) throw new Error('CONTRIBUTING.md has no layout tree under "## The layout"');
  const folders: Array<{ indent: number; folder: string }> = [];
  const names: string[] = [];
  for (const line of block[1].split('\n')) {
    const indent = line.length - line.trimStart().length;
    while (folders.length > 0 && folders[folders.length - 1].indent >= indent) folders.pop();
    const first = line.trim().split(/\s+/)[0] ?? '';
    if (first.endsWith('/')) folders.push({ indent, folder: `${folders[folders.length - 1]?.folder ?? ''}${first}` });
    const folder = folders[folders.length - 1]?.folder ?? '';
    for (const m of line.matchAll(/(?<![\w.\-/])([\w.-]+\.ts)\b/g)) names.push(`${folder}${m[1]}`);
  }
  return names;
}

/** The top folders a doc's path may start from; any other path of lambda/README.md is under lambda/. */
const ROOT_FOLDERS = ['src/', 'lambda/', 'tools/', 'test/', 'examples/', 'bench/', 'projenrc/', 'rosetta/', '.ci/', '.matrix/'];

/**
 * The modules (`*.ts`) a doc names by a path (`src/private/provider.ts`, in lambda/README.md
 * `common/fence.ts` too), from the root; patterns such as `test/handler-*.test.ts` or
 * `test/<folder>/<module>.test.ts` are not names.
 */
export function modulePathsNamed(doc: 'CONTRIBUTING.md' | 'lambda/README.md'): string[] {
  const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
  const base = doc === 'lambda/README.md' ? 'lambda/' : '';
  return [...text.matchAll(/(?<![\w.\-/<>*])((?:\.?[\w-]+\/)+[\w.-]*\.ts)(?![\w\-*<>]|\.\w)/g)]
    .map((m) => (ROOT_FOLDERS.some((f) => m[1].startsWith(f)) ? m[1] : `${base}${m[1]}`));
}
