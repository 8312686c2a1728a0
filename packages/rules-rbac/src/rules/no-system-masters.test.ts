import { checkRuleProperties, RuleTester } from '@kubecis/testkit';
import { clusterRoleBinding, ref, roleBinding, subject } from '../../test/rbac.js';
import { noSystemMasters } from './no-system-masters.js';

new RuleTester().run(noSystemMasters, {
  valid: [
    { name: 'administrators in their own group', objects: [clusterRoleBinding('admins', ref('ClusterRole', 'cluster-admin'), [subject.group('platform-admins')])] },
    { name: 'a user that happens to be named system:masters is not the group', objects: [clusterRoleBinding('odd', ref('ClusterRole', 'view'), [subject.user('system:masters')])] },
  ],
  invalid: [
    {
      name: 'system:masters in a ClusterRoleBinding and a RoleBinding',
      objects: [
        clusterRoleBinding('masters', ref('ClusterRole', 'cluster-admin'), [subject.user('alice'), subject.group('system:masters')]),
        roleBinding('team-a', 'masters', ref('ClusterRole', 'view'), [subject.group('system:masters')]),
      ],
      findings: [
        { messageId: 'systemMasters', resource: { kind: 'ClusterRoleBinding', name: 'masters' }, path: 'subjects[1]' },
        { messageId: 'systemMasters', resource: { kind: 'RoleBinding', namespace: 'team-a', name: 'masters' }, path: 'subjects[0]' },
      ],
    },
  ],
});

checkRuleProperties(noSystemMasters);
