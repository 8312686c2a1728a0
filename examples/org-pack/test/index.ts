// Every test of the pack, as one function: this package's own `vitest run` calls it
// (test/pack.test.ts), and so does the kubecis repository's test/examples.test.ts.
import type { TestFramework } from '@kubecis/testkit';
import { testConfig } from './config.js';
import { testImageReference } from './image-reference.js';
import { testNoPublicLoadBalancer } from './no-public-load-balancer.js';
import { testRequireApprovedRegistry } from './require-approved-registry.js';
import { testRequireTeamLabel } from './require-team-label.js';

export { manifests, readAcmeConfig } from './config.js';

/** Registers the pack's tests: RuleTester suites and standard properties of each rule, the image parser, and kubecis.yaml. */
export function testAcmePack(framework?: TestFramework): void {
  testImageReference();
  testRequireApprovedRegistry(framework);
  testRequireTeamLabel(framework);
  testNoPublicLoadBalancer(framework);
  testConfig(framework);
}
