// ../shared/corpus (real manifests and cluster dumps), for the package's corpus tests and benchmarks.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus folder beside the repository; tests that read it skip when it is absent. */
export const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
export const corpusPresent = existsSync(corpus);

/** Every .yaml and .yml file below `dir`, in a stable order. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}
