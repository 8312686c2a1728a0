import { z } from 'zod';
import { defineRule, globMatcher, workloadContainers, type ContainerGroup, type Rule } from '@kubecis/core';
import { imageName, parseImageReference } from '../image-reference.js';

export interface RequireApprovedRegistryOptions {
  allowedRegistries: string[];
  ignoreImages: string[];
}

const groupNames: Readonly<Record<ContainerGroup, string>> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** A registry entry (`registry.acme.example`, `ghcr.io/acme`, `*.acme.example`) as a matcher of `registry/repository`. */
function registryMatcher(entries: readonly string[]): (name: string) => boolean {
  const patterns = entries.map((entry) => {
    const body = entry
      .replace(/\/+$/, '')
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*');
    return new RegExp(`^${body}(/.*)?$`);
  });
  return (name) => patterns.some((p) => p.test(name));
}

/** Acme: containers run images from the registries Acme mirrors and scans. */
export const requireApprovedRegistry: Rule<RequireApprovedRegistryOptions> = /* @__PURE__ */ defineRule<RequireApprovedRegistryOptions>({
  id: 'acme/require-approved-registry',
  meta: {
    title: 'Images come from an approved registry',
    description: 'Every container, init container and ephemeral container must run an image from one of the approved registries',
    rationale:
      'Acme scans, signs and mirrors images in its own registries. An image pulled from anywhere else has not been scanned, can change under the same tag, and may be gone when a node needs to pull it again.',
    remediation:
      'Mirror the image into registry.acme.example (see the platform handbook, "Importing an image") and reference the mirrored copy, or ask the platform team to add the registry to allowedRegistries.',
    severity: 'high',
    type: 'automated',
    controls: {},
    tags: ['supply-chain', 'images'],
    messages: {
      unapproved: '{workload}: {group} {container} runs {image} from {registry}, which is not an approved registry',
      noImage: '{workload}: {group} {container} names no image',
      compliant: 'Every image comes from an approved registry ({count} containers checked)',
    },
    options: /* @__PURE__ */ z
      .strictObject({
        allowedRegistries: z
          .array(z.string().min(1))
          .default(['registry.acme.example'])
          .describe('Registries images may come from: a host (registry.acme.example), a host and path prefix (ghcr.io/acme), globs allowed (*.acme.example)'),
        ignoreImages: z
          .array(z.string().min(1))
          .default([])
          .describe('Images accepted from any registry, as written or as registry/repository[:tag], globs allowed (docker.io/datadog/agent:*)'),
      }),
  },
  *check(snapshot, context) {
    const approved = registryMatcher(context.options.allowedRegistries);
    const ignored = globMatcher(context.options.ignoreImages);
    let count = 0;
    let failed = 0;
    for (const workload of snapshot.workloads()) {
      const label = `${workload.kind} ${workload.namespace}/${workload.ref.name}`;
      for (const { container, group, path } of workloadContainers(workload)) {
        count++;
        const data = { workload: label, group: groupNames[group], container: container.name };
        const image = typeof container.image === 'string' ? parseImageReference(container.image) : null;
        if (image === null) {
          failed++;
          yield context.warn({ messageId: 'noImage', data, resource: workload.object, path: typeof container.image === 'string' ? `${path}.image` : path });
          continue;
        }
        const written = container.image!;
        const full = `${imageName(image)}${image.tag === null ? '' : `:${image.tag}`}${image.digest === null ? '' : `@${image.digest}`}`;
        if (approved(imageName(image)) || ignored(written) || ignored(full)) continue;
        failed++;
        yield context.fail({ messageId: 'unapproved', data: { ...data, image: written, registry: image.registry }, resource: workload.object, path: `${path}.image` });
      }
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { count } });
  },
});
