import { z } from 'zod';
import { ExemptionSchema } from '@kubecis/core';

const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);

/** `kubecis.yaml`: how an organisation runs kubecis. Every field is optional. */
export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
    benchmark: z.string().min(1).optional().describe('The benchmark to run: cis-1.7 … cis-2.0, or "auto" to pick it from the cluster version'),
    strict: z.boolean().optional().describe('Count what the built-in default exemptions would hide (bootstrap RBAC, system namespaces)'),
    failOn: z.enum(['fail', 'warn', 'never']).optional().describe('The lowest control status that makes `kubecis scan` exit 1'),
    defaultNamespace: z.string().min(1).optional().describe('Where namespaced objects without metadata.namespace live'),
    systemNamespaces: z.array(z.string().min(1)).optional().describe("Kubernetes' own namespaces, exempted by default"),
    rules: z
      .strictObject({
        disable: z.array(z.string().min(1)).optional().describe('Rule ids to skip; globs allowed ("pss/*")'),
        severity: z.record(z.string().min(1), severity).optional().describe('Severity per rule id'),
        options: z.record(z.string().min(1), z.unknown()).optional().describe('Options per rule id'),
      })
      .optional()
      .describe('Per-rule settings'),
    packs: z.array(z.string().min(1)).optional().describe('Extra rule packs: ESM modules (paths relative to this file, or package names) exporting packs'),
    exemptions: z.array(ExemptionSchema).optional().describe('Accepted findings; each needs a reason and may expire'),
  })
  .describe('kubecis configuration');

export type Config = z.infer<typeof ConfigSchema>;

/** The JSON Schema of `kubecis.yaml`, generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
}
