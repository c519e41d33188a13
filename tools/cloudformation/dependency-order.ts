/**
 * The order CloudFormation creates things in: a template's resources after those they depend
 * on, and stacks after theirs.
 */
import { CfnTemplate, CfnValue, forEachKey } from './template';

/**
 * The logical ids of the resources a value refers to (`Ref`, `Fn::GetAtt`, `Fn::Sub`
 * variables), among those in `resources`.
 */
export function referencedResources(value: CfnValue, resources: { readonly [id: string]: unknown }): string[] {
  const out = new Set<string>();
  forEachKey(value, (key, arg) => {
    if (key === 'Ref' && typeof arg === 'string' && Object.prototype.hasOwnProperty.call(resources, arg)) {
      out.add(arg);
    } else if (key === 'Fn::GetAtt') {
      const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof target === 'string' && Object.prototype.hasOwnProperty.call(resources, target)) out.add(target);
    } else if (key === 'Fn::Sub') {
      const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
      const vars = Array.isArray(arg) && arg[1] && typeof arg[1] === 'object' && !Array.isArray(arg[1]) ? arg[1] : {};
      for (const name of subVariables(text ?? '')) {
        const target = name.split('.')[0];
        if (!Object.prototype.hasOwnProperty.call(vars, name) && Object.prototype.hasOwnProperty.call(resources, target)) out.add(target);
      }
    }
  });
  return [...out];
}

/** The variable names in an `Fn::Sub` string (`${Name}`, `${Res.Attr}`; `${!Literal}` is none). */
function subVariables(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    if (!m[1].startsWith('!')) names.push(m[1].trim());
  }
  return names;
}

/**
 * The order CloudFormation creates a template's resources in: every resource after those it
 * names in `DependsOn` or refers to. Ties keep the template's order.
 *
 * @throws Error naming the resources of a dependency cycle
 */
export function resourceOrder(template: CfnTemplate): string[] {
  const resources = template.Resources ?? {};
  const ids = Object.keys(resources);
  const deps = new Map<string, Set<string>>();
  for (const id of ids) {
    const r = resources[id];
    const dependsOn = r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
    const refs = referencedResources({ p: (r.Properties ?? {}) as CfnValue }, resources);
    deps.set(id, new Set([...dependsOn, ...refs].filter((d) => d !== id && Object.prototype.hasOwnProperty.call(resources, d))));
  }
  return topologicalOrder(ids, (id) => deps.get(id) ?? new Set(), 'resources');
}

/**
 * Orders `ids` so that each comes after its dependencies, keeping the given order among
 * independent ones: at each step, the first of the remaining ids whose dependencies are all
 * placed (a dependency outside `ids` is ignored). Each id's dependencies are asked for once, and
 * the ready ids wait in a heap by position, so a template of n resources is ordered in
 * O(n log n + edges), not by a scan of the remaining ones per step.
 *
 * @throws Error naming the members of a cycle
 */
export function topologicalOrder(ids: readonly string[], dependencies: (id: string) => Iterable<string>, what: string): string[] {
  const position = new Map<string, number>();
  ids.forEach((id, i) => position.set(id, i));
  const waitingOn = new Array<number>(ids.length).fill(0);
  const dependents: number[][] = ids.map(() => []);
  ids.forEach((id, i) => {
    for (const d of new Set(dependencies(id))) {
      const at = position.get(d);
      if (at === undefined) continue;
      waitingOn[i]++;
      dependents[at].push(i);
    }
  });
  const ready = new PositionHeap();
  waitingOn.forEach((n, i) => { if (n === 0) ready.push(i); });
  const out: string[] = [];
  const placed = new Array<boolean>(ids.length).fill(false);
  while (ready.size > 0) {
    const i = ready.pop();
    out.push(ids[i]);
    placed[i] = true;
    for (const j of dependents[i]) if (--waitingOn[j] === 0) ready.push(j);
  }
  if (out.length < ids.length) {
    throw new Error(`the ${what} ${ids.filter((_, i) => !placed[i]).join(', ')} depend on each other in a cycle`);
  }
  return out;
}

/** A binary min-heap of positions: the ready id that comes first in the given order. */
class PositionHeap {
  private readonly items: number[] = [];

  public get size(): number {
    return this.items.length;
  }

  public push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = Math.floor((i - 1) / 2);
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  public pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
