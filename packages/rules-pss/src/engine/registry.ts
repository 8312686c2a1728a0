// Every check, its variants by minimum version, and what each restricted variant overrides
// (pss.md §1.3 and §3.1). The newest policy version is derived from this table.
import * as b from './checks/baseline.js';
import * as r from './checks/restricted.js';
import type { CheckFn } from './checks/types.js';
import type { PodSecurityCheckId } from './types.js';

interface Variant {
  /** The minor version from which this variant applies (`19` for v1.19). */
  readonly minVersion: number;
  readonly check: CheckFn;
  /** Baseline checks this restricted variant replaces at the restricted level. */
  readonly overrides?: readonly PodSecurityCheckId[];
}

interface CheckDefinition {
  readonly id: PodSecurityCheckId;
  readonly level: 'baseline' | 'restricted';
  /** Oldest first. */
  readonly variants: readonly Variant[];
}

const v = (minVersion: number, check: CheckFn, overrides?: readonly PodSecurityCheckId[]): Variant =>
  overrides === undefined ? { minVersion, check } : { minVersion, check, overrides };

/** Sorted as upstream aggregates them: baseline ids byte-wise, then restricted ids byte-wise. */
export const checkDefinitions: readonly CheckDefinition[] = [
  { id: 'appArmorProfile', level: 'baseline', variants: [v(0, b.appArmorProfile)] },
  { id: 'capabilities_baseline', level: 'baseline', variants: [v(0, b.capabilitiesBaseline)] },
  { id: 'hostNamespaces', level: 'baseline', variants: [v(0, b.hostNamespaces)] },
  { id: 'hostPathVolumes', level: 'baseline', variants: [v(0, b.hostPathVolumes)] },
  { id: 'hostPorts', level: 'baseline', variants: [v(0, b.hostPorts)] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', variants: [v(34, b.hostProbesAndHostLifecycle)] },
  { id: 'privileged', level: 'baseline', variants: [v(0, b.privileged)] },
  { id: 'procMount', level: 'baseline', variants: [v(0, b.procMountV1Dot0), v(35, b.procMountV1Dot35)] },
  { id: 'seLinuxOptions', level: 'baseline', variants: [v(0, b.seLinuxOptionsV1Dot0), v(31, b.seLinuxOptionsV1Dot31)] },
  { id: 'seccompProfile_baseline', level: 'baseline', variants: [v(0, b.seccompProfileBaselineV1Dot0), v(19, b.seccompProfileBaselineV1Dot19)] },
  {
    id: 'sysctls',
    level: 'baseline',
    variants: [v(0, b.sysctlsV1Dot0), v(27, b.sysctlsV1Dot27), v(29, b.sysctlsV1Dot29), v(32, b.sysctlsV1Dot32), v(37, b.sysctlsV1Dot37)],
  },
  { id: 'windowsHostProcess', level: 'baseline', variants: [v(0, b.windowsHostProcess)] },
  { id: 'allowPrivilegeEscalation', level: 'restricted', variants: [v(8, r.allowPrivilegeEscalationV1Dot8), v(25, r.allowPrivilegeEscalationV1Dot25)] },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    variants: [v(22, r.capabilitiesRestrictedV1Dot22, ['capabilities_baseline']), v(25, r.capabilitiesRestrictedV1Dot25, ['capabilities_baseline'])],
  },
  { id: 'procMount_restricted', level: 'restricted', variants: [v(35, r.procMountRestrictedV1Dot35, ['procMount'])] },
  { id: 'restrictedVolumes', level: 'restricted', variants: [v(0, r.restrictedVolumes, ['hostPathVolumes'])] },
  { id: 'runAsNonRoot', level: 'restricted', variants: [v(0, r.runAsNonRootV1Dot0), v(35, r.runAsNonRootV1Dot35)] },
  { id: 'runAsUser', level: 'restricted', variants: [v(23, r.runAsUserV1Dot23), v(35, r.runAsUserV1Dot35)] },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    variants: [
      v(19, r.seccompProfileRestrictedV1Dot19, ['seccompProfile_baseline']),
      v(25, r.seccompProfileRestrictedV1Dot25, ['seccompProfile_baseline']),
    ],
  },
];

/** The newest policy minor version any check knows (37 at upstream's commit 8f84a87): `latest` evaluates as this. */
export const newestPolicyMinor: number = /* @__PURE__ */ Math.max(...checkDefinitions.flatMap((d) => d.variants.map((x) => x.minVersion)));

/** The variant of a check that applies at a minor version, or `undefined` when the check does not run yet. */
export function variantAt(definition: CheckDefinition, minor: number): Variant | undefined {
  let found: Variant | undefined;
  for (const variant of definition.variants) if (variant.minVersion <= minor) found = variant;
  return found;
}

export interface ActiveCheck {
  readonly id: PodSecurityCheckId;
  readonly check: CheckFn;
}

/** The checks that run at a level and a (clamped) minor version, in upstream's aggregation order. */
function computeActiveChecks(level: 'baseline' | 'restricted', minor: number): readonly ActiveCheck[] {
  const restricted = level === 'restricted' ? checkDefinitions.filter((d) => d.level === 'restricted') : [];
  const overridden = new Set<PodSecurityCheckId>();
  const active: ActiveCheck[] = [];
  for (const definition of restricted) {
    const variant = variantAt(definition, minor);
    if (variant === undefined) continue;
    for (const id of variant.overrides ?? []) overridden.add(id);
  }
  for (const definition of checkDefinitions) {
    if (definition.level === 'restricted' && level !== 'restricted') continue;
    if (definition.level === 'baseline' && overridden.has(definition.id)) continue;
    const variant = variantAt(definition, minor);
    if (variant !== undefined) active.push({ id: definition.id, check: variant.check });
  }
  return Object.freeze(active);
}

function buildTable(): Readonly<Record<'baseline' | 'restricted', readonly (readonly ActiveCheck[])[]>> {
  const table = { baseline: [] as (readonly ActiveCheck[])[], restricted: [] as (readonly ActiveCheck[])[] };
  for (let minor = 0; minor <= newestPolicyMinor; minor++) {
    table.baseline.push(computeActiveChecks('baseline', minor));
    table.restricted.push(computeActiveChecks('restricted', minor));
  }
  return Object.freeze({ baseline: Object.freeze(table.baseline), restricted: Object.freeze(table.restricted) });
}

/** Precomputed, frozen: the active checks for every level and minor version. */
const activeTable = /* @__PURE__ */ buildTable();

export function activeChecks(level: 'baseline' | 'restricted', minor: number): readonly ActiveCheck[] {
  const clamped = Math.min(Math.max(0, Math.floor(minor)), newestPolicyMinor);
  return activeTable[level][clamped] ?? [];
}

/** A check's variant at a minor version (the newest when omitted), for rules that reuse one check. */
export function checkAt(id: PodSecurityCheckId, minor: number = newestPolicyMinor): CheckFn | undefined {
  const definition = checkDefinitions.find((d) => d.id === id);
  return definition === undefined ? undefined : variantAt(definition, Math.min(minor, newestPolicyMinor))?.check;
}
