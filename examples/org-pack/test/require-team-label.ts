import fc from 'fast-check';
import { arb, build, checkRuleProperties, RuleTester, type TestFramework } from '@kubecis/testkit';
import { requireTeamLabel } from '../src/index.js';

const team = (name: string): Record<string, string> => ({ 'acme.example/team': name });

/** RuleTester cases and the standard properties of acme/require-team-label. */
export function testRequireTeamLabel(framework?: TestFramework): void {
  new RuleTester(framework ? { framework } : {}).run(requireTeamLabel, {
    valid: [
      { name: 'a labelled Deployment', objects: [build.deployment({ labels: team('payments') })] },
      { name: 'other kinds need no label by default', objects: [build.statefulSet(), build.cronJob(), build.pod()] },
      { name: 'a known team', objects: [build.deployment({ labels: team('storefront') })], options: { teams: ['storefront', 'payments'] } },
      { name: 'a custom label and kinds', objects: [build.statefulSet({ labels: { owner: 'data' } })], options: { label: 'owner', kinds: ['StatefulSet'] } },
    ],
    invalid: [
      {
        name: 'no labels at all, and other labels only, in two namespaces',
        objects: [build.deployment({ name: 'web', namespace: 'shop' }), build.deployment({ name: 'api', namespace: 'payments', labels: { app: 'api' } })],
        findings: [
          { messageId: 'missing', resource: { kind: 'Deployment', namespace: 'shop', name: 'web' }, path: 'metadata' },
          { messageId: 'missing', resource: { kind: 'Deployment', namespace: 'payments', name: 'api' }, path: 'metadata.labels' },
        ],
      },
      {
        name: 'an empty team',
        objects: [build.deployment({ name: 'web', labels: team(' ') })],
        findings: [{ messageId: 'missing', path: 'metadata.labels["acme.example/team"]' }],
      },
      {
        name: 'a team not in the list',
        objects: [build.deployment({ name: 'web', labels: team('storefrnt') })],
        options: { teams: ['storefront'] },
        findings: [{ messageId: 'unknownTeam', resource: { name: 'web' }, path: 'metadata.labels["acme.example/team"]' }],
      },
      {
        name: 'every kind listed',
        objects: [build.deployment({ name: 'a', labels: team('x') }), build.daemonSet({ name: 'b' }), build.service({ name: 'c' })],
        options: { kinds: ['Deployment', 'DaemonSet', 'Service'] },
        findings: [
          { messageId: 'missing', resource: { kind: 'DaemonSet', name: 'b' } },
          { messageId: 'missing', resource: { kind: 'Service', name: 'c' } },
        ],
      },
    ],
  });

  checkRuleProperties(requireTeamLabel, {
    ...(framework ? { framework } : {}),
    options: { teams: ['a'], kinds: ['Deployment', 'Service'], label: 'team' },
    arbitraries: [arb.deployment({ labels: fc.constantFrom(undefined, { team: 'a' }, { team: 'b' }, { team: '' }) }), arb.service()],
  });
}
