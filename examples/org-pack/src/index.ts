// @acme/kubecis-rules: Acme's own kubecis rule pack. Explicit named exports only.
import { definePack, type Pack } from '@kubecis/core';
import { noPublicLoadBalancer } from './rules/no-public-load-balancer.js';
import { requireApprovedRegistry } from './rules/require-approved-registry.js';
import { requireTeamLabel } from './rules/require-team-label.js';

export { noPublicLoadBalancer, requireApprovedRegistry, requireTeamLabel };
export type { NoPublicLoadBalancerOptions } from './rules/no-public-load-balancer.js';
export type { RequireApprovedRegistryOptions } from './rules/require-approved-registry.js';
export type { RequireTeamLabelOptions } from './rules/require-team-label.js';
export { imageName, parseImageReference } from './image-reference.js';
export type { ImageReference } from './image-reference.js';

/** Acme's pack: `evaluate(snapshot, [benchmarks['cis-1.10'], pack])`, or `packs: [...]` in kubecis.yaml. */
export const pack: Pack = /* @__PURE__ */ definePack({
  name: 'acme',
  description: "Acme's platform rules: approved registries, team ownership labels, no public load balancers",
  rules: [requireApprovedRegistry, requireTeamLabel, noPublicLoadBalancer],
});
