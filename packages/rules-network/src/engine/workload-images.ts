import { workloadContainers, type Snapshot, type Workload, type WorkloadContainer } from '@kubecis/core';
import { parseImage, type ImageName } from './images.js';
import { list } from './read.js';

export interface ContainerImage {
  readonly container: WorkloadContainer;
  readonly image: ImageName;
}

/** The images of every container of a workload (init, regular, ephemeral), with their containers. */
export function imagesOf(workload: Workload): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const container of workloadContainers(workload)) {
    const image = container.container.image;
    if (typeof image === 'string' && image.trim() !== '') out.push({ container, image: parseImage(image) });
  }
  return out;
}

/** The images of every workload, parsed once per snapshot (each distinct reference parsed once). */
function buildImageIndex(snapshot: Snapshot): ReadonlyMap<Workload, readonly ContainerImage[]> {
  const parsed = new Map<string, ImageName>();
  const index = new Map<Workload, readonly ContainerImage[]>();
  for (const workload of snapshot.workloads()) {
    const out: ContainerImage[] = [];
    for (const container of workloadContainers(workload)) {
      const raw = container.container.image;
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      let image = parsed.get(raw);
      if (image === undefined) parsed.set(raw, (image = parseImage(raw)));
      out.push({ container, image });
    }
    index.set(workload, out);
  }
  return index;
}

/** {@link imagesOf} for a workload of the snapshot, from the snapshot's cached index. */
export function workloadImages(snapshot: Snapshot, workload: Workload): readonly ContainerImage[] {
  return snapshot.derive(buildImageIndex).get(workload) ?? imagesOf(workload);
}

/** The command and args of a container as one list of strings. */
export function argsOf(container: WorkloadContainer): string[] {
  const c = container.container as { command?: unknown; args?: unknown };
  const pick = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');
  return [...pick(c.command), ...pick(c.args)];
}

/**
 * The value of a command-line flag (`--flag=value`, `--flag value`, `-flag=value`), the last one
 * winning as Go's flag packages do; `'true'` for a bare boolean flag; `undefined` when absent.
 */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const stripped = arg.replace(/^--?/, '');
    if (stripped === arg) continue;
    if (stripped.startsWith(`${flag}=`)) value = stripped.slice(flag.length + 1);
    else if (stripped === flag) {
      const next = args[i + 1];
      value = next !== undefined && !next.startsWith('-') && /^(true|false)$/i.test(next) ? next : 'true';
    }
  }
  return value;
}
