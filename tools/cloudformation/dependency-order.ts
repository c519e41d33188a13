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
 * independent ones.
 *
 * @throws Error naming the members of a cycle
 */
export function topologicalOrder(ids: readonly string[], dependencies: (id: string) => Iterable<string>, what: string): string[] {
  const known = new Set(ids);
  const out: string[] = [];
  const done = new Set<string>();
  const remaining = [...ids];
  while (remaining.length > 0) {
    const index = remaining.findIndex((id) => [...dependencies(id)].every((d) => done.has(d) || !known.has(d)));
    if (index < 0) {
      throw new Error(`the ${what} ${remaining.join(', ')} depend on each other in a cycle`);
    }
    const [id] = remaining.splice(index, 1);
    out.push(id);
    done.add(id);
  }
  return out;
}
