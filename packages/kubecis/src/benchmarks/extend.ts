// Adds an organisation's rule packs to a benchmark profile, so one evaluation reports CIS
// section 5 and the organisation's own rules side by side.

import { defineBenchmark, type AnyRule, type Benchmark, type ControlDefinition, type Pack } from '@kubecis/core';

/** The section that holds rules mapped to none of the benchmark's controls. */
export const organisationSection = { id: 'org', title: 'Organisation rules' } as const;

export interface ExtendedBenchmark {
  readonly benchmark: Benchmark;
  /** Rules that could not be added, and rules mapped to controls the benchmark lacks. */
  readonly warnings: readonly string[];
}

function rulesOf(entries: readonly (Pack | AnyRule)[]): AnyRule[] {
  return entries.flatMap((entry) => ('check' in entry ? [entry] : [...entry.rules]));
}

/**
 * The benchmark with extra rules. A rule whose `meta.controls` maps it to controls of this
 * benchmark joins them (an organisation's stricter 5.2.2, say); any other rule becomes a control
 * of its own, named by its id, in the "Organisation rules" section. A rule whose id is already
 * taken is left out with a warning. Pure: the benchmark given is not changed.
 */
export function extendBenchmark(benchmark: Benchmark, extra: readonly (Pack | AnyRule)[]): ExtendedBenchmark {
  const warnings: string[] = [];
  const known = new Set(benchmark.rules.map((r) => r.id));
  const controlIds = new Set(benchmark.controls.map((c) => c.id));
  const rules: AnyRule[] = [];
  const controls: ControlDefinition[] = [];
  for (const rule of rulesOf(extra)) {
    if (known.has(rule.id)) {
      warnings.push(`Rule ${rule.id} is defined twice; the second definition is ignored`);
      continue;
    }
    known.add(rule.id);
    const mapped = rule.meta.controls[benchmark.id] ?? [];
    const unknown = mapped.filter((id) => !controlIds.has(id));
    if (mapped.length > 0 && unknown.length === 0) {
      rules.push(rule);
      continue;
    }
    if (unknown.length > 0) {
      warnings.push(`Rule ${rule.id} maps to ${unknown.join(', ')}, which ${benchmark.id} does not have; it is reported as a control of its own`);
    }
    if (controlIds.has(rule.id)) {
      warnings.push(`Rule ${rule.id} has the id of a control of ${benchmark.id}; it is ignored`);
      continue;
    }
    controlIds.add(rule.id);
    controls.push({ id: rule.id, title: rule.meta.title, type: rule.meta.type === 'automated' ? 'automated' : 'manual', section: organisationSection.id });
    // The copy maps the rule to its own control in this benchmark; the rule itself is untouched.
    rules.push({ ...rule, meta: { ...rule.meta, controls: { ...rule.meta.controls, [benchmark.id]: [rule.id] } } });
  }
  if (rules.length === 0) return { benchmark, warnings };
  const hasOrgSection = controls.length > 0 && !benchmark.sections.some((s) => s.id === organisationSection.id);
  return {
    benchmark: defineBenchmark({
      id: benchmark.id,
      title: benchmark.title,
      version: benchmark.version,
      sections: hasOrgSection ? [...benchmark.sections, organisationSection] : benchmark.sections,
      controls: [...benchmark.controls, ...controls],
      rules: [...benchmark.rules, ...rules],
    }),
    warnings,
  };
}
