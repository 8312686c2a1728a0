// Recognises the cluster's CNI plugin and network-policy engines from their workloads (DaemonSets,
// Deployments, or bare Pods in live dumps), and decides whether NetworkPolicies are enforced.
import { type Evidence, type KubeObject, type ObjectRef, type Snapshot, type Workload } from '@kubecis/core';
import { compareVersions, semver, type ImageName } from './images.js';
import { at, pathIf, refKey, sortedByRef, str, objectsOfGroup } from './read.js';
import { argsOf, flagValue, workloadImages, type ContainerImage } from './workload-images.js';

export type Enforcement = 'yes' | 'no' | 'unknown';

/** One recognised networking or policy component. */
export interface CniComponent {
  /** Stable id: `calico`, `cilium`, `flannel`, … */
  readonly id: string;
  /** Display name: `Calico`, `AWS VPC CNI`. */
  readonly name: string;
  /** The object it was recognised from (a workload, or a configuration object such as Calico's Installation). */
  readonly object: KubeObject;
  readonly ref: ObjectRef;
  /** The field that identified it (an image), relative to the object. */
  readonly path: string | null;
  /** Whether it provides pod networking (a CNI) or only enforces policies beside one. */
  readonly role: 'network' | 'policy' | 'both';
  readonly enforces: Enforcement;
  /** Why: `image quay.io/calico/node:v3.28.0`, `--enable-network-policy=true`. */
  readonly reason: string;
  readonly evidence: readonly Evidence[];
}

interface Match {
  readonly container: ContainerImage | undefined;
  /** The workload's name, when the match was by name. */
  readonly name: string;
}

interface Signature {
  readonly id: string;
  readonly name: string;
  readonly role: CniComponent['role'];
  readonly image?: RegExp;
  /** Workload names (any kind), for dumps without images or with mirrored ones. */
  readonly names?: RegExp;
  classify(snapshot: Snapshot, workload: Workload, match: Match): { enforces: Enforcement; reason: string; evidence?: Evidence[] };
}

const imageReason = (match: Match): string => (match.container ? `image ${match.container.image.raw}` : `workload ${match.name}`);

function configMapValue(snapshot: Snapshot, namespace: string, name: string, key: string): { value: string | undefined; object: KubeObject | undefined } {
  const object = snapshot.get('ConfigMap', namespace, name);
  return { value: str(at(object, 'data', key)), object };
}

/** The kindnet rules: kind's kindnetd images are dated, the standalone kindnet has semantic versions. */
function classifyKindnet(snapshot: Snapshot, workload: Workload, match: Match): { enforces: Enforcement; reason: string; evidence?: Evidence[] } {
  const containers = workloadImages(snapshot, workload).filter((c) => c.image.path.includes('kindnet'));
  for (const c of containers) {
    const flag = flagValue(argsOf(c.container), 'network-policy');
    if (flag?.toLowerCase() === 'false') return { enforces: 'no', reason: `${c.container.container.name} runs with --network-policy=false` };
  }
  const image: ImageName | undefined = match.container?.image;
  if (image !== undefined) {
    if (image.path.endsWith('networking/kindnet')) {
      return { enforces: 'yes', reason: `image ${image.raw}: kubernetes-sigs/kindnet enforces NetworkPolicies unless --network-policy=false` };
    }
    if (image.path.endsWith('aojea/kindnetd')) {
      const v = semver(image.tag);
      if (v !== undefined) {
        return compareVersions(v, [1, 3, 0]) >= 0
          ? { enforces: 'yes', reason: `image ${image.raw}: kindnet enforces NetworkPolicies from v1.3.0` }
          : { enforces: 'no', reason: `image ${image.raw}: kindnet before v1.3.0 does not enforce NetworkPolicies` };
      }
    }
    if (image.path.endsWith('kindest/kindnetd')) {
      const date = /^v(\d{8})/.exec(image.tag ?? '')?.[1];
      if (date !== undefined) {
        // kind v0.24.0 (kindnetd v20240813) embeds kube-network-policies; v0.23.0's v20240513 and older do not.
        if (date >= '20240813') return { enforces: 'yes', reason: `image ${image.raw}: kind's kindnetd enforces NetworkPolicies since kind v0.24.0 (v20240813)` };
        if (date <= '20240513') return { enforces: 'no', reason: `image ${image.raw}: kind's kindnetd before kind v0.24.0 does not enforce NetworkPolicies` };
      }
    }
  }
  // No readable version: the kindnet ClusterRole says whether the daemon watches NetworkPolicies.
  const rbac = serviceAccountWatchesNetworkPolicies(snapshot, workload);
  if (rbac !== undefined) {
    return rbac.watches
      ? { enforces: 'yes', reason: `its service account may watch NetworkPolicies (ClusterRole ${rbac.role.metadata.name}), as kindnet versions that enforce them need`, evidence: [{ resource: snapshot.refOf(rbac.role), path: pathIf(rbac.role, 'rules'), relation: 'granted-by' }] }
      : { enforces: 'no', reason: `its service account may not watch NetworkPolicies (ClusterRole ${rbac.role.metadata.name}), so this kindnet does not enforce them`, evidence: [{ resource: snapshot.refOf(rbac.role), path: pathIf(rbac.role, 'rules'), relation: 'granted-by' }] };
  }
  return {
    enforces: 'unknown',
    reason: `${image ? `image ${image.raw}` : 'kindnet'}: kindnet enforces NetworkPolicies only in kind v0.24.0+ (kindnetd v20240813 or later) and standalone kindnet v1.3.0+; the version in use could not be read`,
  };
}

/** Whether the ClusterRoles bound to a workload's service account allow watching NetworkPolicies. */
function serviceAccountWatchesNetworkPolicies(snapshot: Snapshot, workload: Workload): { watches: boolean; role: KubeObject } | undefined {
  const sa = workload.spec.serviceAccountName ?? workload.spec.serviceAccount ?? 'default';
  let found: KubeObject | undefined;
  for (const binding of sortedByRef(snapshot, snapshot.ofKind('ClusterRoleBinding'))) {
    const bound = (binding.subjects ?? []).some((s) => s.kind === 'ServiceAccount' && s.name === sa && (s.namespace ?? '') === workload.namespace);
    if (!bound || binding.roleRef.kind !== 'ClusterRole') continue;
    const role = snapshot.get('ClusterRole', null, binding.roleRef.name);
    if (role === undefined) continue;
    found ??= role;
    const watches = (role.rules ?? []).some(
      (r) =>
        (r.apiGroups ?? []).some((g) => g === '*' || g === 'networking.k8s.io') &&
        (r.resources ?? []).some((x) => x === '*' || x === 'networkpolicies') &&
        r.verbs.some((v) => v === '*' || v === 'watch' || v === 'list'),
    );
    if (watches) return { watches: true, role };
  }
  return found === undefined ? undefined : { watches: false, role: found };
}

function classifyAwsNode(snapshot: Snapshot, workload: Workload): { enforces: Enforcement; reason: string; evidence?: Evidence[] } {
  const agent = workloadImages(snapshot, workload).find((c) => c.image.path.endsWith('aws-network-policy-agent') || c.container.container.name === 'aws-eks-nodeagent');
  if (agent === undefined) {
    return { enforces: 'no', reason: 'the aws-node DaemonSet has no network policy agent (aws-eks-nodeagent, VPC CNI v1.14+)' };
  }
  const flag = flagValue(argsOf(agent.container), 'enable-network-policy');
  if (flag?.toLowerCase() !== 'true') {
    return { enforces: 'no', reason: `its network policy agent (${agent.container.container.name}) runs without --enable-network-policy=true` };
  }
  const config = configMapValue(snapshot, workload.namespace, 'amazon-vpc-cni', 'enable-network-policy-controller');
  if (config.object !== undefined && config.value !== undefined && config.value.toLowerCase() !== 'true') {
    return {
      enforces: 'unknown',
      reason: `the network policy agent is enabled, but ConfigMap amazon-vpc-cni sets enable-network-policy-controller to "${config.value}", so policies may not be translated`,
      evidence: [{ resource: snapshot.refOf(config.object), path: 'data["enable-network-policy-controller"]', relation: 'configured-by' }],
    };
  }
  return { enforces: 'yes', reason: `its network policy agent (${agent.container.container.name}) runs with --enable-network-policy=true` };
}

const signatures: readonly Signature[] = [
  {
    id: 'gke-dataplane-v2',
    name: 'GKE Dataplane V2 (anetd)',
    role: 'both',
    names: /^anetd$/,
    classify: () => ({ enforces: 'yes', reason: 'GKE Dataplane V2 always enforces NetworkPolicies' }),
  },
  {
    id: 'canal',
    name: 'Canal (flannel networking, Calico policy)',
    role: 'both',
    names: /^canal$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: `${imageReason(m)}: Calico's Felix enforces NetworkPolicies over flannel` }),
  },
  {
    id: 'cilium',
    name: 'Cilium',
    role: 'both',
    image: /(^|\/)(cilium\/cilium(-dev)?|cilium\/operator(-generic|-aws|-azure|-alibabacloud)?|mirrored-cilium-cilium)$/,
    names: /^cilium(-agent)?$/,
    classify: (snapshot, workload, m) => {
      const config = configMapValue(snapshot, workload.namespace, 'cilium-config', 'enable-policy');
      if (config.object !== undefined && config.value?.toLowerCase() === 'never') {
        return {
          enforces: 'no',
          reason: 'ConfigMap cilium-config sets enable-policy to "never"',
          evidence: [{ resource: snapshot.refOf(config.object), path: 'data["enable-policy"]', relation: 'configured-by' }],
        };
      }
      return { enforces: 'yes', reason: imageReason(m) };
    },
  },
  {
    id: 'calico',
    name: 'Calico',
    role: 'both',
    image: /(^|\/)((calico|projectcalico-org)\/(node(-windows)?|typha|kube-controllers)|mirrored-calico-(node|typha|kube-controllers)|tigera\/operator)$/,
    names: /^(calico-node|calico-typha|calico-kube-controllers|tigera-operator)$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: imageReason(m) }),
  },
  {
    id: 'antrea',
    name: 'Antrea',
    role: 'both',
    image: /(^|\/)antrea\/antrea(-agent|-controller)?(-ubuntu|-ubi)?$/,
    names: /^antrea-(agent|controller)$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: imageReason(m) }),
  },
  {
    id: 'weave',
    name: 'Weave Net',
    role: 'both',
    image: /(^|\/)(weaveworks\/weave-(kube|npc)|mirrored-weaveworks-weave-(kube|npc))$/,
    names: /^weave-net$/,
    classify: (snapshot, workload) => {
      const npc = workloadImages(snapshot, workload).find((c) => c.image.path.endsWith('weave-npc'));
      return npc
        ? { enforces: 'yes', reason: `its weave-npc container (${npc.image.raw}) enforces NetworkPolicies` }
        : { enforces: 'no', reason: 'the weave-net workload has no weave-npc container, which enforces NetworkPolicies' };
    },
  },
  {
    id: 'kube-router',
    name: 'kube-router',
    role: 'both',
    image: /(^|\/)(cloudnativelabs\/kube-router|mirrored-cloudnativelabs-kube-router)$/,
    names: /^kube-router$/,
    classify: (snapshot, workload, m) => {
      const container = workloadImages(snapshot, workload).find((c) => c.image.path.endsWith('kube-router')) ?? m.container;
      const flag = container ? flagValue(argsOf(container.container), 'run-firewall') : undefined;
      return flag?.toLowerCase() === 'false'
        ? { enforces: 'no', reason: 'it runs with --run-firewall=false, which turns off its NetworkPolicy controller' }
        : { enforces: 'yes', reason: `${imageReason(m)} with its firewall (NetworkPolicy controller) on` };
    },
  },
  {
    id: 'kube-network-policies',
    name: 'kube-network-policies',
    role: 'policy',
    image: /(^|\/)networking\/kube-network-policies$/,
    names: /^kube-network-policies$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: imageReason(m) }),
  },
  {
    id: 'azure-npm',
    name: 'Azure Network Policy Manager',
    role: 'policy',
    image: /(^|\/)containernetworking\/azure-npm$/,
    names: /^azure-npm$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: imageReason(m) }),
  },
  {
    id: 'ovn-kubernetes',
    name: 'OVN-Kubernetes',
    role: 'both',
    image: /(^|\/)ovn-kubernetes\/ovn-kube-[a-z0-9-]+$/,
    names: /^ovnkube-node$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: imageReason(m) }),
  },
  {
    id: 'kube-ovn',
    name: 'Kube-OVN',
    role: 'both',
    image: /(^|\/)kubeovn\/kube-ovn$/,
    names: /^kube-ovn-cni$/,
    classify: (_s, _w, m) => ({ enforces: 'yes', reason: imageReason(m) }),
  },
  {
    id: 'aws-vpc-cni',
    name: 'AWS VPC CNI',
    role: 'both',
    image: /(^|\/)amazon-k8s-cni$/,
    names: /^aws-node$/,
    classify: (snapshot, workload) => classifyAwsNode(snapshot, workload),
  },
  {
    id: 'kindnet',
    name: 'kindnet',
    role: 'both',
    image: /(^|\/)(kindest\/kindnetd|aojea\/kindnetd|networking\/kindnet)$/,
    names: /^kindnet$/,
    classify: classifyKindnet,
  },
  {
    id: 'flannel',
    name: 'flannel',
    role: 'network',
    image: /(^|\/)(flannel\/flannel|coreos\/flannel|flannel-io\/flannel|flannelcni\/flannel|mirrored-flannelcni-flannel|mirrored-flannel-flannel)$/,
    names: /^kube-flannel(-ds)?$/,
    classify: () => ({ enforces: 'no', reason: 'flannel provides pod networking only and does not enforce NetworkPolicies' }),
  },
  {
    id: 'azure-cni',
    name: 'Azure CNI',
    role: 'network',
    image: /(^|\/)containernetworking\/azure-cns$/,
    names: /^azure-cns$/,
    classify: () => ({ enforces: 'no', reason: 'Azure CNI does not enforce NetworkPolicies without Azure NPM, Calico or Cilium' }),
  },
];

function findMatch(workload: Workload, images: readonly ContainerImage[], signature: Signature): Match | undefined {
  if (signature.image) {
    const container = images.find((c) => signature.image!.test(c.image.path));
    if (container) return { container, name: workload.ref.name };
  }
  if (signature.names?.test(workload.ref.name)) return { container: undefined, name: workload.ref.name };
  return undefined;
}

function detectWorkload(snapshot: Snapshot, workload: Workload): CniComponent | undefined {
  // Canal: calico-node and flannel in one pod.
  const images = workloadImages(snapshot, workload);
  const calico = images.find((c) => /(^|\/)(calico|projectcalico-org)\/node$/.test(c.image.path));
  const flannel = images.find((c) => c.image.path.endsWith('flannel') && !c.image.path.endsWith('cni-plugin'));
  const ordered = calico && flannel ? [signatures.find((s) => s.id === 'canal')!, ...signatures] : signatures;
  for (const signature of ordered) {
    const match = signature.id === 'canal' && calico && flannel ? { container: calico, name: workload.ref.name } : findMatch(workload, images, signature);
    if (match === undefined) continue;
    const verdict = signature.classify(snapshot, workload, match);
    const path = match.container?.container.path;
    return {
      id: signature.id,
      name: signature.name,
      object: workload.object,
      ref: workload.ref,
      path: path === undefined ? null : `${path}.image`,
      role: signature.role,
      enforces: verdict.enforces,
      reason: verdict.reason,
      evidence: [{ resource: workload.ref, path: path === undefined ? null : `${path}.image`, relation: 'cni' }, ...(verdict.evidence ?? [])],
    };
  }
  return undefined;
}

/** Calico installed by the Tigera operator: its Installation object. */
function calicoInstallations(snapshot: Snapshot): CniComponent[] {
  return sortedByRef(snapshot, objectsOfGroup(snapshot, 'operator.tigera.io').filter((o) => o.kind === 'Installation')).map((o) => {
    const cniType = str(at(o, 'spec', 'cni', 'type'));
    return {
      id: 'calico',
      name: 'Calico',
      object: o,
      ref: snapshot.refOf(o),
      path: pathIf(o, 'spec'),
      role: 'both',
      enforces: 'yes',
      reason: `Tigera operator Installation ${o.metadata.name}${cniType ? ` (cni.type ${cniType}, Calico enforces policies)` : ''}`,
      evidence: [{ resource: snapshot.refOf(o), path: pathIf(o, 'spec'), relation: 'cni' }],
    };
  });
}

export interface CniReport {
  readonly components: readonly CniComponent[];
}

function buildCniReport(snapshot: Snapshot): CniReport {
  const components: CniComponent[] = [];
  for (const workload of snapshot.workloads()) {
    const found = detectWorkload(snapshot, workload);
    if (found) components.push(found);
  }
  components.push(...calicoInstallations(snapshot));
  components.sort((a, b) => {
    const ka = `${a.id}\u0000${refKey(a.ref)}`;
    const kb = `${b.id}\u0000${refKey(b.ref)}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { components };
}

/** The CNI plugins and policy engines of a snapshot, computed once per snapshot. */
export function cniReport(snapshot: Snapshot): CniReport {
  return snapshot.derive(buildCniReport);
}
