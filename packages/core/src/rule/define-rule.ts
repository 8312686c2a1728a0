import { describeIssues } from '../internal/describe.js';
import type { Snapshot } from '../snapshot/types.js';
import type { Pack, Rule, RuleContext, RuleDefinition, AnyRule, Benchmark, ControlDefinition, ControlSection } from './types.js';

const ruleIdPattern = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)+$/;

/** Where generated rule docs live; a rule's `docsUrl` is derived from its id. */
export const docsBaseUrl = 'https://github.com/kubecis/kubecis/blob/main/packages';

const packageOfNamespace: Readonly<Record<string, string>> = {
  rbac: 'rules-rbac',
  pss: 'rules-pss',
  network: 'rules-network',
};

function docsUrlFor(id: string): string {
  const slash = id.indexOf('/');
  const namespace = id.slice(0, slash);
  const slug = id.slice(slash + 1);
  const pkg = packageOfNamespace[namespace];
  return pkg === undefined ? `${docsBaseUrl}/../docs/rules/${id}.md` : `${docsBaseUrl}/${pkg}/docs/rules/${slug}.md`;
}

/**
 * Defines a rule: validates its id and meta, derives `docsUrl`, and adds option parsing.
 * Call it as `/* @__PURE__ *\/ defineRule({...})` so bundlers can drop unused rules.
 */
export function defineRule<Options = Record<string, never>>(definition: RuleDefinition<Options>): Rule<Options> {
  const { id, meta } = definition;
  if (!ruleIdPattern.test(id)) throw new Error(`Rule id "${id}" must look like "namespace/slug"`);
  if (Object.keys(meta.messages).length === 0) throw new Error(`Rule ${id} has no messages`);
  const schema = meta.options;
  const parseOptions = (input: unknown): Options => {
    if (schema === undefined) return {} as Options;
    const result = schema.safeParse(input ?? {});
    if (!result.success) throw new Error(`Invalid options for ${id}: ${describeIssues(result.error.issues, input)}`);
    return result.data;
  };
  return Object.freeze({
    id,
    meta: Object.freeze({ ...meta, docsUrl: docsUrlFor(id) }),
    check: (snapshot: Snapshot, context: RuleContext<Options>) => definition.check(snapshot, context),
    parseOptions,
  });
}

/** Groups rules under a namespace. Every rule id must start with `<name>/`. */
export function definePack(pack: Pack): Pack {
  const ids = new Set<string>();
  for (const rule of pack.rules) {
    if (!rule.id.startsWith(`${pack.name}/`)) throw new Error(`Rule ${rule.id} does not belong to pack "${pack.name}"`);
    if (ids.has(rule.id)) throw new Error(`Pack "${pack.name}" lists ${rule.id} twice`);
    ids.add(rule.id);
  }
  return Object.freeze({ ...pack, rules: Object.freeze([...pack.rules]) });
}

export interface BenchmarkDefinition {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly sections: readonly ControlSection[];
  readonly controls: readonly ControlDefinition[];
  /** Packs or rules; only rules that map to this benchmark's id in `meta.controls` are kept. */
  readonly rules: readonly (AnyRule | Pack)[];
}

/** Defines a benchmark profile: its controls and the rules, from any pack, that map to them. */
export function defineBenchmark(definition: BenchmarkDefinition): Benchmark {
  const controlIds = new Set(definition.controls.map((c) => c.id));
  const rules: AnyRule[] = [];
  for (const entry of definition.rules) {
    for (const rule of 'rules' in entry ? entry.rules : [entry]) {
      const mapped = rule.meta.controls[definition.id];
      if (mapped === undefined || mapped.length === 0) continue;
      for (const control of mapped) {
        if (!controlIds.has(control)) throw new Error(`Rule ${rule.id} maps to ${control}, which ${definition.id} does not have`);
      }
      rules.push(rule);
    }
  }
  return Object.freeze({ ...definition, rules: Object.freeze(rules) });
}
