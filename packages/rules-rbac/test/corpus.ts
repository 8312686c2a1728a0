import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** /work/shared/corpus/k8s-bootstrap-rbac, located from the repository root. */
export const bootstrapDir = new URL('../../../../shared/corpus/k8s-bootstrap-rbac/', import.meta.url);
export const bootstrapPath = decodeURIComponent(bootstrapDir.pathname);
export const hasBootstrap = existsSync(bootstrapDir);

/** Every document of every YAML file of the bootstrap corpus (Lists are unwrapped by createSnapshot). */
export function loadBootstrap(): unknown[] {
  return readdirSync(bootstrapDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => parseAllDocuments(readFileSync(new URL(file, bootstrapDir), 'utf8')).map((doc) => doc.toJS() as unknown));
}
