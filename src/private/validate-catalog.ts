/**
 * The check of a `catalog` prop or argument, the one the invitation, the accepter and the
 * connection import make: its type (for callers that TypeScript does not check), then the API's
 * Catalog rule when its name is known at synth time. Internal: not exported from index.ts.
 */
import { Token } from 'aws-cdk-lib';
import { checkInstance, checkString } from './runtime-types';
import { checkField } from '../api-constraints';
import { Catalog } from '../catalog';

/** How to make a `catalog`, for type errors. */
const CATALOG_EXPECTED = 'a Catalog (Catalog.AWS, Catalog.SANDBOX or Catalog.of(name))';

/**
 * What is wrong with a catalog, at most one thing: its type (`type`: not a Catalog, or one whose
 * name is not a string), else the API's Catalog rule on a name known at synth time (`rule`).
 * The kind lets a construct place the problem among its other props' type and rule problems.
 */
export interface CatalogProblem {
  readonly kind: 'type' | 'rule';
  readonly problem: string;
}

/**
 * The problem of a `catalog` prop or argument, or `undefined` when it is a Catalog whose name the
 * API accepts or is a token.
 */
export function catalogProblem(catalog: unknown): CatalogProblem | undefined {
  const wrongType = checkInstance('catalog', CATALOG_EXPECTED, Catalog.isCatalog, catalog)
    ?? checkString('catalog', (catalog as Catalog).name, 'the name given to Catalog.of()');
  if (wrongType) return { kind: 'type', problem: wrongType };
  const name = (catalog as Catalog).name;
  if (Token.isUnresolved(name)) return undefined;
  const violation = checkField('Catalog', name);
  return violation ? { kind: 'rule', problem: `\`catalog\` ${violation.rule}, got: ${JSON.stringify(name)}` } : undefined;
}
