/**
 * The catalog condition of every grant and of the provider's role (src/private/catalog-condition.ts):
 * one rule, written once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG_CONDITION_KEY, catalogCondition } from '../src/private/catalog-condition';

test('one catalog: the key and the name, compared ignoring case', () => {
  expect(catalogCondition('AWS')).toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'AWS' } });
});

test('several catalogs: the list as given', () => {
  expect(catalogCondition(['AWS', 'Sandbox'])).toEqual({ StringEqualsIgnoreCase: { [CATALOG_CONDITION_KEY]: ['AWS', 'Sandbox'] } });
});

test('no other module of src/ spells the condition', () => {
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const src = path.join(__dirname, '..', 'src');
  const spelling = files(src)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /StringEqualsIgnoreCase|'partnercentral:Catalog'/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(src, f));
  expect(spelling).toEqual([path.join('private', 'catalog-condition.ts')]);
});
