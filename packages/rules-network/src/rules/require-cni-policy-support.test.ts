import { describe, expect, it } from 'vitest';
import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { requireCniPolicySupport } from './require-cni-policy-support.js';
import { networkArbitraries } from '../../test/arbitraries.js';
import { component, deploy, findingsOf, statusOf } from '../../test/helpers.js';

const c = (image: string, name = 'main', args?: string[]) => ({ name, image, ...(args ? { args } : {}) });
const ds = (name: string, namespace: string, ...containers: Record<string, unknown>[]) => component(name, namespace, containers);

const calicoNode = ds('calico-node', 'kube-system', c('quay.io/calico/node:v3.28.0', 'calico-node'));
const flannel = ds('kube-flannel-ds', 'kube-flannel', c('docker.io/flannel/flannel:v0.25.1', 'kube-flannel'));
const kindnet = (image: string, args?: string[]) => ({ ...ds('kindnet', 'kube-system', c(image, 'kindnet-cni', args)) });
const awsNode = (...extra: Record<string, unknown>[]) =>
  ds('aws-node', 'kube-system', c('602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.3-eksbuild.1', 'aws-node'), ...extra);
const nodeAgent = (flag: string) => c('602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.2-eksbuild.1', 'aws-eks-nodeagent', [`--enable-network-policy=${flag}`, '--enable-ipv6=false']);
const configMap = (name: string, namespace: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const kindnetRbac = (resources: string[]) => [
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'kindnet' }, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] }, { apiGroups: ['networking.k8s.io'], resources, verbs: ['list', 'watch'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'kindnet' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kindnet' }, subjects: [{ kind: 'ServiceAccount', name: 'kindnet', namespace: 'kube-system' }] },
];
const withSa = (obj: Record<string, unknown>, sa: string) => {
  const copy = JSON.parse(JSON.stringify(obj)) as { spec: { template: { spec: Record<string, unknown> } } };
  copy.spec.template.spec['serviceAccountName'] = sa;
  return copy;
};

new RuleTester().run(requireCniPolicySupport, {
  valid: [
    { name: 'Calico DaemonSet', objects: [calicoNode] },
    { name: 'Calico through the Tigera operator Deployment', objects: [component('tigera-operator', 'tigera-operator', [c('quay.io/tigera/operator:v1.34.0')], 'Deployment')] },
    { name: 'Calico Installation object', objects: [{ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { cni: { type: 'AmazonVPC' } } }] },
    { name: 'Cilium agent', objects: [ds('cilium', 'kube-system', c('quay.io/cilium/cilium:v1.15.6@sha256:0123', 'cilium-agent'))] },
    { name: 'Cilium operator only', objects: [component('cilium-operator', 'kube-system', [c('quay.io/cilium/operator-generic:v1.15.6')], 'Deployment')] },
    { name: 'Cilium from a Rancher mirror with enable-policy default', objects: [ds('cilium', 'kube-system', c('rancher/mirrored-cilium-cilium:v1.14.4')), configMap('cilium-config', 'kube-system', { 'enable-policy': 'default' })] },
    { name: 'GKE Dataplane V2', objects: [ds('anetd', 'kube-system', c('gke.gcr.io/cilium/cilium:v1.13.6-gke.3', 'cilium-agent'))] },
    { name: 'Antrea', objects: [ds('antrea-agent', 'kube-system', c('antrea/antrea-agent-ubuntu:v2.1.0', 'antrea-agent'))] },
    { name: 'Weave Net with weave-npc', objects: [ds('weave-net', 'kube-system', c('weaveworks/weave-kube:2.8.1', 'weave'), c('weaveworks/weave-npc:2.8.1', 'weave-npc'))] },
    { name: 'kube-router with its firewall on', objects: [ds('kube-router', 'kube-system', c('docker.io/cloudnativelabs/kube-router:v2.1.3', 'kube-router', ['--run-router=true', '--run-firewall=true']))] },
    { name: 'Canal (calico-node and flannel in one DaemonSet)', objects: [ds('canal', 'kube-system', c('docker.io/calico/node:v3.28.0', 'calico-node'), c('docker.io/flannel/flannel:v0.25.1', 'kube-flannel'))] },
    { name: 'flannel with Calico in policy-only mode', objects: [flannel, calicoNode] },
    { name: 'flannel with kube-router as policy engine', objects: [flannel, ds('kube-router', 'kube-system', c('cloudnativelabs/kube-router:v2.1.3', 'kube-router', ['--run-router=false']))] },
    { name: 'flannel with kube-network-policies', objects: [flannel, ds('kube-network-policies', 'kube-system', c('registry.k8s.io/networking/kube-network-policies:v0.2.0'))] },
    { name: "kind's kindnetd from kind v0.24.0", objects: [kindnet('docker.io/kindest/kindnetd:v20240813-c6f155d6')] },
    { name: 'kubernetes-sigs kindnet', objects: [kindnet('registry.k8s.io/networking/kindnet:v1.0.2', ['/bin/kindnetd', '--network-policy=true'])] },
    { name: 'standalone kindnet v1.3.0', objects: [kindnet('ghcr.io/aojea/kindnetd:v1.3.0')] },
    { name: 'kindnet without a version whose ClusterRole watches NetworkPolicies', objects: [withSa(kindnet('docker.io/kindest/kindnetd@sha256:0123'), 'kindnet'), ...kindnetRbac(['networkpolicies'])] },
    { name: 'AWS VPC CNI with the network policy agent enabled', objects: [awsNode(nodeAgent('true')), configMap('amazon-vpc-cni', 'kube-system', { 'enable-network-policy-controller': 'true' })] },
    { name: 'Azure CNI with Azure NPM', objects: [ds('azure-cns', 'kube-system', c('mcr.microsoft.com/containernetworking/azure-cns:v1.5.32')), ds('azure-npm', 'kube-system', c('mcr.microsoft.com/containernetworking/azure-npm:v1.5.34'))] },
    { name: 'AWS VPC CNI with Calico', objects: [awsNode(), calicoNode] },
    { name: 'OVN-Kubernetes', objects: [ds('ovnkube-node', 'ovn-kubernetes', c('ghcr.io/ovn-org/ovn-kubernetes/ovn-kube-ubuntu:master'))] },
    { name: 'Kube-OVN', objects: [ds('kube-ovn-cni', 'kube-system', c('docker.io/kubeovn/kube-ovn:v1.13.0'))] },
    { name: 'a bare calico-node Pod of a live dump', objects: [component('calico-node-x7k2p', 'kube-system', [c('quay.io/calico/node:v3.28.0')], 'Pod')] },
  ],
  invalid: [
    { name: 'flannel alone', objects: [flannel, deploy('web', 'shop')], findings: [{ messageId: 'unsupported' }] },
    { name: 'flannel from quay.io/coreos', objects: [ds('kube-flannel-ds-amd64', 'kube-system', c('quay.io/coreos/flannel:v0.15.1-amd64'))], findings: [{ messageId: 'unsupported' }] },
    { name: "kind's kindnetd before kind v0.24.0", objects: [kindnet('docker.io/kindest/kindnetd:v20240513-cd2ac642')], findings: [{ messageId: 'unsupported' }] },
    { name: 'standalone kindnet before v1.3.0', objects: [kindnet('ghcr.io/aojea/kindnetd:v1.0.1')], findings: [{ messageId: 'unsupported' }] },
    { name: 'kindnet with --network-policy=false', objects: [kindnet('registry.k8s.io/networking/kindnet:v1.0.2', ['/bin/kindnetd', '--network-policy=false'])], findings: [{ messageId: 'unsupported' }] },
    { name: 'kindnet whose ClusterRole cannot watch NetworkPolicies', objects: [withSa(kindnet('docker.io/kindest/kindnetd:latest'), 'kindnet'), ...kindnetRbac(['ingresses'])], findings: [{ messageId: 'unsupported' }] },
    { name: 'kindnet with an unreadable version', objects: [kindnet('docker.io/kindest/kindnetd:latest')], findings: [{ messageId: 'uncertain', status: 'WARN' }] },
    { name: 'kindnetd between kind v0.23.0 and v0.24.0', objects: [kindnet('docker.io/kindest/kindnetd:v20240701-0123abcd')], findings: [{ messageId: 'uncertain', status: 'WARN' }] },
    { name: 'AWS VPC CNI without the network policy agent', objects: [awsNode()], findings: [{ messageId: 'unsupported' }] },
    { name: 'AWS VPC CNI with the agent disabled', objects: [awsNode(nodeAgent('false'))], findings: [{ messageId: 'unsupported' }] },
    {
      name: 'AWS VPC CNI agent enabled but the controller switched off',
      objects: [awsNode(nodeAgent('true')), configMap('amazon-vpc-cni', 'kube-system', { 'enable-network-policy-controller': 'false' })],
      findings: [{ messageId: 'uncertain', status: 'WARN' }],
    },
    { name: 'Azure CNI alone', objects: [ds('azure-cns', 'kube-system', c('mcr.microsoft.com/containernetworking/azure-cns:v1.5.32'))], findings: [{ messageId: 'unsupported' }] },
    { name: 'Weave Net without weave-npc', objects: [ds('weave-net', 'kube-system', c('weaveworks/weave-kube:2.8.1', 'weave'))], findings: [{ messageId: 'unsupported' }] },
    { name: 'kube-router with its firewall off', objects: [ds('kube-router', 'kube-system', c('cloudnativelabs/kube-router:v2.1.3', 'kube-router', ['--run-firewall=false']))], findings: [{ messageId: 'unsupported' }] },
    { name: 'Cilium with enable-policy=never', objects: [ds('cilium', 'kube-system', c('quay.io/cilium/cilium:v1.15.6')), configMap('cilium-config', 'kube-system', { 'enable-policy': 'never' })], findings: [{ messageId: 'unsupported' }] },
    {
      name: 'flannel and AWS VPC CNI without agent: two non-enforcing CNIs',
      objects: [flannel, awsNode()],
      findings: [{ messageId: 'unsupported' }, { messageId: 'unsupported' }],
    },
    { name: 'flannel beside kindnet of unknown version', objects: [flannel, kindnet('docker.io/kindest/kindnetd:latest')], findings: [{ messageId: 'uncertain', status: 'WARN' }] },
    { name: 'only application workloads', objects: [deploy('web', 'shop', { image: 'nginx:1.25' })], findings: [{ messageId: 'unrecognised', status: 'WARN' }] },
    { name: 'an empty snapshot', objects: [], findings: [{ messageId: 'unrecognised', status: 'WARN' }] },
  ],
});

describe('network/require-cni-policy-support verdicts', () => {
  it('keeps a FAIL for a CNI in kube-system outside strict mode: the finding is about the cluster', () => {
    const kubeSystemFlannel = ds('kube-flannel-ds', 'kube-system', c('docker.io/flannel/flannel:v0.25.1'));
    expect(statusOf(requireCniPolicySupport, [kubeSystemFlannel])).toBe('FAIL');
    const [finding] = findingsOf(requireCniPolicySupport, [kubeSystemFlannel], {});
    expect(finding?.resource).toBeNull();
    expect(finding?.evidence[0]).toMatchObject({ resource: { kind: 'DaemonSet', namespace: 'kube-system', name: 'kube-flannel-ds' }, path: 'spec.template.spec.containers[0].image', relation: 'cni' });
  });

  it('passes with the enforcing workload as resource and reports the plain CNI beside it as INFO', () => {
    const findings = findingsOf(requireCniPolicySupport, [flannel, calicoNode]);
    expect(findings.map((f) => [f.status, f.messageId, f.resource?.name])).toEqual([
      ['PASS', 'supported', 'calico-node'],
      ['INFO', 'alongside', 'kube-flannel-ds'],
    ]);
    expect(findings[0]!.path).toBe('spec.template.spec.containers[0].image');
  });

  it('groups the workloads of one CNI into one finding', () => {
    const findings = findingsOf(requireCniPolicySupport, [calicoNode, component('calico-kube-controllers', 'kube-system', [c('quay.io/calico/kube-controllers:v3.28.0')], 'Deployment')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence.map((e) => e.resource.name)).toEqual(['calico-node', 'calico-kube-controllers']);
  });
});

checkRuleProperties(requireCniPolicySupport, { arbitraries: networkArbitraries });
