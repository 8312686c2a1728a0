import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { allow, clusterRole, clusterRoleBinding, ref, role, subject } from '../../test/rbac.js';
import { noCsrApproval } from './no-csr-approval.js';

const certs = 'certificates.k8s.io';

new RuleTester().run(noCsrApproval, {
  valid: [
    { name: 'creating and reading CSRs', objects: [clusterRole('requester', [allow(['create', 'get', 'list'], ['certificatesigningrequests'], [certs])])] },
    { name: 'a Role cannot reach the cluster-scoped approval', objects: [role('a', 'approver', [allow(['update'], ['certificatesigningrequests/approval'], [certs])])] },
    { name: 'approval in the wrong group', objects: [clusterRole('odd', [allow(['update'], ['certificatesigningrequests/approval'])])] },
    { name: 'sign is not approve', objects: [clusterRole('signer', [allow(['sign'], ['signers'], [certs])])] },
  ],
  invalid: [
    {
      name: 'both halves in one role, and one subject holding them through two roles',
      objects: [
        clusterRole('approver', [allow(['update'], ['certificatesigningrequests/approval'], [certs]), allow(['approve'], ['signers'], [certs])]),
        clusterRole('approval-only', [allow(['patch'], ['certificatesigningrequests/approval'], [certs])]),
        clusterRole('signer-only', [allow(['approve'], ['signers'], [certs], ['example.com/issuer'])]),
        clusterRoleBinding('a', ref('ClusterRole', 'approval-only'), [subject.serviceAccount('issuer', 'pki')]),
        clusterRoleBinding('b', ref('ClusterRole', 'signer-only'), [subject.serviceAccount('issuer', 'pki')]),
      ],
      findings: [
        { messageId: 'approveCsr', resource: { kind: 'ClusterRole', name: 'approver' }, path: 'rules[0]', severity: 'medium' },
        { messageId: 'approveCsr', resource: { kind: 'ClusterRole', name: 'approver' }, path: 'rules[1]', severity: 'medium' },
        { messageId: 'approvalOnly', resource: { kind: 'ClusterRole', name: 'approval-only' }, path: 'rules[0]', severity: 'high' },
        { messageId: 'signerOnly', resource: { kind: 'ClusterRole', name: 'signer-only' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'a lone half is less severe; wildcards count',
      objects: [clusterRole('signers', [allow(['approve'], ['signers'], [certs])]), clusterRole('cert-admin', [allow(['*'], ['*'], [certs])])],
      findings: [
        { messageId: 'signerOnly', resource: { kind: 'ClusterRole', name: 'signers' }, severity: 'low' },
        { messageId: 'approveCsr', resource: { kind: 'ClusterRole', name: 'cert-admin' }, path: 'rules[0]', severity: 'medium' },
      ],
    },
    {
      name: 'a binding to a built-in approver role',
      objects: [clusterRoleBinding('approve-kubelets', ref('ClusterRole', 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver'), [subject.group('system:bootstrappers')])],
      findings: [{ messageId: 'approveCsrBuiltIn', resource: { kind: 'ClusterRoleBinding', name: 'approve-kubelets' }, path: 'roleRef' }],
    },
  ],
});

checkRuleProperties(noCsrApproval);
