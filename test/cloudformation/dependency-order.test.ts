import { resourceOrder, topologicalOrder } from '../../tools/cloudformation/dependency-order';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import { INVITATION } from '../support/rehearsal';
import { seededRandom } from '../support/seeded-random';

describe('resource order', () => {
  test('follows DependsOn and references, otherwise the template order', () => {
    const template: CfnTemplate = {
      Resources: {
        C: { Type: INVITATION, Properties: { Message: { 'Fn::Sub': 'after ${B.Arn}' } } },
        A: { Type: INVITATION },
        B: { Type: INVITATION, DependsOn: 'D', Properties: { Email: { 'Fn::GetAtt': 'A.InviterEmail' } } },
        D: { Type: 'AWS::Lambda::Function', Properties: { X: { Ref: 'A' } } },
        E: { Type: INVITATION, DependsOn: ['C'] },
        F: { Type: INVITATION, Properties: { Message: { 'Fn::Sub': ['${B}', { B: 'not a resource here' }] } } },
      },
    };
    expect(resourceOrder(template)).toEqual(['A', 'D', 'B', 'C', 'E', 'F']);
  });

  test('a cycle is an error naming its members', () => {
    expect(() => resourceOrder({ Resources: { A: { Type: 'T', DependsOn: 'B' }, B: { Type: 'T', Properties: { x: { Ref: 'A' } } } } }))
      .toThrow(/the resources A, B depend on each other in a cycle/);
  });
});

describe('topological order', () => {
  /** The rule as stated: at each step, the first remaining id whose known dependencies are all placed. */
  function firstReady(ids: readonly string[], deps: ReadonlyMap<string, readonly string[]>): string[] | 'cycle' {
    const known = new Set(ids);
    const done = new Set<string>();
    const remaining = [...ids];
    const out: string[] = [];
    while (remaining.length > 0) {
      const index = remaining.findIndex((id) => (deps.get(id) ?? []).every((d) => done.has(d) || !known.has(d)));
      if (index < 0) return 'cycle';
      const [id] = remaining.splice(index, 1);
      out.push(id);
      done.add(id);
    }
    return out;
  }


  test('places each id at the first step its dependencies allow, on graphs with and without cycles', () => {
    const random = seededRandom(7);
    let cycles = 0;
    for (let graph = 0; graph < 300; graph++) {
      const n = 1 + Math.floor(random() * 30);
      const ids = Array.from({ length: n }, (_, i) => `R${i}`);
      const deps = new Map<string, string[]>();
      for (const id of ids) {
        const count = Math.floor(random() * 4);
        // mostly edges to any id (cycles possible), now and then one outside the template
        deps.set(id, Array.from({ length: count }, () => (random() < 0.1 ? 'Elsewhere' : ids[Math.floor(random() * n)])));
      }
      const expected = firstReady(ids, deps);
      const run = () => topologicalOrder(ids, (id) => deps.get(id) ?? [], 'resources');
      if (expected === 'cycle') {
        cycles++;
        expect(run).toThrow(/depend on each other in a cycle/);
      } else {
        expect(run()).toEqual(expected);
      }
    }
    // the generator made both kinds
    expect(cycles).toBeGreaterThan(10);
    expect(cycles).toBeLessThan(290);
  });

  test('a cycle names every id it blocks, in the given order', () => {
    const deps = new Map([['A', ['B']], ['B', ['A']], ['C', ['A']], ['D', []]]);
    expect(() => topologicalOrder(['C', 'A', 'D', 'B'], (id) => deps.get(id) ?? [], 'stacks'))
      .toThrow('the stacks C, A, B depend on each other in a cycle');
  });
});
