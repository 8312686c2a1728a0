// Shared by the rules (never exported from the package): workload iteration on the engine's
// pod view, offences of one engine check, and the namespace-admission evidence of the 5.2 rules.
import type { ObjectRef, RuleContext, RuleFinding, Snapshot, Workload } from '@kubecis/core';
import { formatPath } from '../engine/path.js';
import type { Offence } from '../engine/checks/types.js';
import { evaluatePodSecurity } from '../engine/evaluate.js';
import { namespacePodSecurity, podSecurityLabelPrefix } from '../engine/namespace-policy.js';
import { podViewOf, type ContainerView, type PodView } from '../engine/pod.js';
import { existingPrefix } from '../engine/read.js';
import { checkAt } from '../engine/registry.js';
import type { PodSecurityCheckId } from '../engine/types.js';

export interface WorkloadPod {
  readonly workload: Workload;
  readonly pod: PodView;
  /** `Deployment shop/web` */
  readonly label: string;
}

function buildWorkloadPods(snapshot: Snapshot): readonly WorkloadPod[] {
  const pods: WorkloadPod[] = [];
  for (const workload of snapshot.workloads()) {
    const pod = podViewOf(workload);
    if (pod === null) continue;
    pods.push({ workload, pod, label: `${workload.kind} ${workload.namespace}/${workload.ref.name}` });
  }
  return pods;
}

/**
 * Every workload of the snapshot (owners, not the pods they create) with its pod view: built once
 * per snapshot and shared by the rules (fourteen of them read it; pod views are read-only).
 */
export function workloadPods(snapshot: Snapshot): readonly WorkloadPod[] {
  return snapshot.derive(buildWorkloadPods);
}

/** The offences of one engine check (its newest variant) on a pod; none when it passes. */
export function offencesOf(id: PodSecurityCheckId, pod: PodView): readonly Offence[] {
  return checkAt(id)?.(pod)?.offences ?? [];
}

/** An offence's path from the workload's root, trimmed to the deepest field that exists. */
export function pathOf(pod: PodView, path: Offence['path']): string {
  return formatPath(existingPrefix(pod.root, path));
}

const groupLabels: Readonly<Record<ContainerView['group'], string>> = {
  initContainers: 'init container',
  containers: 'container',
  ephemeralContainers: 'ephemeral container',
};

/** `container "app"`, `init container "setup"`, `ephemeral container "debugger"`. */
export function containerLabel(container: ContainerView): string {
  return `${groupLabels[container.group]} "${container.name}"`;
}

/** A restricted-compliant Linux pod (valid at every level and version) with one change: the probe of a control. */
export function probePod(change: (spec: Record<string, unknown>, container: Record<string, unknown>, sc: Record<string, unknown>) => void): unknown {
  const sc: Record<string, unknown> = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  const container: Record<string, unknown> = { name: 'probe', image: 'probe', securityContext: sc };
  const spec: Record<string, unknown> = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container] };
  change(spec, container, sc);
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe' }, spec };
}

const namespaceRef = (name: string): ObjectRef => ({ apiVersion: 'v1', kind: 'Namespace', namespace: null, name });

/**
 * PASS evidence for every user namespace whose enforced Pod Security level rejects every probe
 * pod, and a WARN for every user namespace that would admit one of them (unlabelled namespaces
 * enforce `privileged`). System namespaces are not user namespaces and are skipped.
 */
export function* namespaceAdmission<O>(snapshot: Snapshot, context: RuleContext<O>, probes: readonly unknown[]): Generator<RuleFinding> {
  const verdicts = new Map<string, boolean>();
  for (const ns of namespacePodSecurity(snapshot)) {
    if (ns.system) continue;
    const { level, version } = ns.policy.enforce;
    const key = `${level}:${version}`;
    let forbids = verdicts.get(key);
    if (forbids === undefined) {
      forbids = probes.every((probe) => !evaluatePodSecurity(probe, { level, version }).allowed);
      verdicts.set(key, forbids);
    }
    const labelKey = `${podSecurityLabelPrefix}enforce`;
    const data = { namespace: ns.namespace, level, version, setBy: ns.enforceLabelled ? `label ${labelKey}` : 'no enforce label: the default' };
    const resource = ns.object ?? namespaceRef(ns.namespace);
    const path = ns.object !== null && ns.enforceLabelled ? formatPath(['metadata', 'labels', labelKey]) : null;
    const args = { data, resource, path };
    yield forbids ? context.pass({ messageId: 'namespaceForbids', ...args }) : context.warn({ messageId: 'namespaceAdmits', ...args });
  }
}
