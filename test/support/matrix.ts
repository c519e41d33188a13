/**
 * The cell of the test matrix a suite runs in, and the versions it really loads.
 *
 * Every suite runs against the floor (the root node_modules); the suites that load aws-cdk-lib
 * also run against the current aws-cdk-lib with each cdk-nag major (.matrix/current/). Each cell
 * is a jest project of its own (see .projenrc.ts), which sets `globals.MATRIX_CELL` and maps the
 * packages to the cell's folder.
 */

/** The packages a cell swaps. */
export type MatrixPackage = 'aws-cdk-lib' | 'constructs' | 'cdk-nag';

/** What the jest project of a cell declares: for each package, the folder (from the repository root) and version it must load. */
export interface MatrixCell {
  readonly name: 'floor' | 'current-nag2' | 'current-nag3';
  readonly packages: Readonly<Record<MatrixPackage, { readonly dir: string; readonly version: string }>>;
}

function declaredCell(): MatrixCell {
  const cell = (globalThis as { MATRIX_CELL?: MatrixCell }).MATRIX_CELL;
  if (cell === undefined) {
    throw new Error('globals.MATRIX_CELL is not set: run the tests with jest (npx projen test), whose projects set it');
  }
  return cell;
}

/** The cell this suite runs in. */
export const MATRIX_CELL: MatrixCell = declaredCell();

/** The version of the package a bare `require` of `name` loads here (after the cell's mapping). */
export function loadedVersion(name: MatrixPackage): string {
  // A run-time require through the cell's mapping; the template literal keeps TypeScript from
  // typing it from the floor's package.json.
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The aws-cdk-lib version this suite runs against. */
export const CDK_LIB_VERSION = loadedVersion('aws-cdk-lib');

/** The constructs version this suite runs against. */
export const CONSTRUCTS_VERSION = loadedVersion('constructs');

/** The cdk-nag version this suite runs against. */
export const NAG_VERSION = loadedVersion('cdk-nag');

/** The cdk-nag major: 2 checks through an Aspect and reports Annotations, 3 is a policy validation plugin. */
export const NAG_MAJOR: 2 | 3 = majorOf(NAG_VERSION);

function majorOf(version: string): 2 | 3 {
  const major = Number(version.split('.')[0]);
  if (major !== 2 && major !== 3) {
    throw new Error(`cdk-nag ${version}: the tests know majors 2 and 3`);
  }
  return major;
}
