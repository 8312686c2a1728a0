// The command lines of `kubecis scan` and `kubecis collect`, parsed with node:util's parseArgs.
// Options a user leaves out stay `undefined`, so kubecis.yaml can supply them.

import { parseArgs } from 'node:util';

export const formats = ['text', 'json', 'kube-bench', 'kube-bench-junit', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof formats)[number];
export const failOnLevels = ['fail', 'warn', 'never'] as const;
export type FailOn = (typeof failOnLevels)[number];
export const parityModes = ['kube-bench'] as const;
export type Parity = (typeof parityModes)[number];

/** Where the objects come from: files and stdin, or a live cluster through a kubeconfig. */
export interface ClusterArgs {
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
}

export interface ScanArgs extends ClusterArgs {
  readonly command: 'scan';
  /** Files, directories and `-`; empty for a live cluster. */
  readonly paths: readonly string[];
  readonly benchmark: string | undefined;
  readonly format: Format;
  readonly output: string | undefined;
  readonly failOn: FailOn | undefined;
  readonly strict: boolean | undefined;
  readonly defaultNamespace: string | undefined;
  readonly systemNamespaces: readonly string[] | undefined;
  readonly config: string | undefined;
  readonly noConfig: boolean;
  readonly parity: Parity | undefined;
  readonly verbose: boolean;
}

export interface CollectArgs extends ClusterArgs {
  readonly command: 'collect';
  readonly output: string | undefined;
  readonly verbose: boolean;
}

export type ParsedArgs =
  | ScanArgs
  | CollectArgs
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | { readonly command: 'error'; readonly message: string };

export const usage = `Usage: kubecis scan [PATH...|-] [options]
       kubecis scan --kubeconfig FILE [--context NAME] [options]
       kubecis collect [--kubeconfig FILE] [--context NAME] -o FILE

Checks Kubernetes objects against the CIS Kubernetes Benchmark, section 5 (Policies).
PATH is a file or a directory (read recursively: .yaml, .yml, .json); - reads stdin. With no
PATH, scan reads the live cluster of the kubeconfig (--kubeconfig, $KUBECONFIG, ~/.kube/config),
with list and get requests only, and never a Secret's value. collect writes that snapshot to a
file, for scans repeated offline (kubecis scan FILE).

Options:
  --benchmark ID            cis-1.7 ... cis-2.0, or auto: from the cluster's version (default: cis-1.10)
  --format FORMAT           text, json, kube-bench, kube-bench-junit, sarif, junit, markdown (default: text)
  -o, --output FILE         write the report (or the collected snapshot) to FILE instead of stdout
  --fail-on fail|warn|never exit 1 when a control is at or above this status (default: fail)
  --config FILE             settings, rule packs and exemptions (default: ./kubecis.yaml when present)
  --no-config               do not read ./kubecis.yaml
  --strict                  count what the built-in exemptions hide (bootstrap RBAC, system namespaces)
  --parity kube-bench       give kube-bench's own verdicts (its quirks included), to compare reports
  --default-namespace NS    namespace of objects that name none (default: default)
  --system-namespaces A,B   system namespaces (default: kube-system,kube-public,kube-node-lease)
  --kubeconfig FILE         kubeconfig of the cluster to scan or collect
  --context NAME            kubeconfig context (default: its current-context)
  -v, --verbose             list passing and exempted findings; print timings to stderr
  -h, --help                show this help
  --version                 print the version

Exit codes: 0 nothing at or above --fail-on, 1 controls at or above it, 2 usage, input or cluster error.
`;

const options = {
  benchmark: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  strict: { type: 'boolean' },
  'default-namespace': { type: 'string' },
  'system-namespaces': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  parity: { type: 'string' },
} as const;

function oneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

const scanOnly = ['benchmark', 'format', 'fail-on', 'strict', 'default-namespace', 'system-namespaces', 'config', 'no-config', 'parity'] as const;

/** Parses argv (without node and the script). Never throws. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    return { command: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { command: 'help' };
  if (values.version === true) return { command: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) return { command: 'error', message: 'No command given' };
  if (command === 'help') return { command: 'help' };
  if (command !== 'scan' && command !== 'collect') return { command: 'error', message: `Unknown command "${command}"` };

  for (const name of ['output', 'kubeconfig', 'context', 'config'] as const) {
    if (values[name]?.trim() === '') return { command: 'error', message: `--${name} needs a ${name === 'context' ? 'context name' : 'file name'}` };
  }
  const cluster: ClusterArgs = { kubeconfig: values.kubeconfig, context: values.context };

  if (command === 'collect') {
    const misplaced = scanOnly.find((name) => values[name] !== undefined);
    if (misplaced !== undefined) return { command: 'error', message: `--${misplaced} is an option of scan, not of collect` };
    if (paths.length > 0) return { command: 'error', message: `collect reads the cluster of the kubeconfig and takes no paths (got ${paths[0] ?? ''})` };
    return { command: 'collect', ...cluster, output: values.output, verbose: values.verbose === true };
  }

  const format = values.format ?? 'text';
  if (!oneOf(format, formats)) return { command: 'error', message: `Unknown --format "${format}"; use ${formats.join(', ')}` };
  const failOn = values['fail-on'];
  if (failOn !== undefined && !oneOf(failOn, failOnLevels)) return { command: 'error', message: `Unknown --fail-on "${failOn}"; use fail, warn or never` };
  const parity = values.parity;
  if (parity !== undefined && !oneOf(parity, parityModes)) return { command: 'error', message: `Unknown --parity "${parity}"; use kube-bench` };
  const defaultNamespace = values['default-namespace'];
  if (defaultNamespace?.trim() === '') return { command: 'error', message: '--default-namespace needs a namespace name' };
  const system = values['system-namespaces'];
  const systemNamespaces =
    system === undefined
      ? undefined
      : system
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  if (values.config !== undefined && values['no-config'] === true) return { command: 'error', message: '--config and --no-config contradict each other' };
  if (paths.length > 0 && (cluster.kubeconfig !== undefined || cluster.context !== undefined)) {
    return { command: 'error', message: `--${cluster.kubeconfig === undefined ? 'context' : 'kubeconfig'} scans a live cluster and takes no paths; scan files or a cluster, not both` };
  }
  return {
    command: 'scan',
    paths,
    ...cluster,
    benchmark: values.benchmark,
    format,
    output: values.output,
    failOn,
    strict: values.strict,
    defaultNamespace: defaultNamespace?.trim(),
    systemNamespaces,
    config: values.config,
    noConfig: values['no-config'] === true,
    parity,
    verbose: values.verbose === true,
  };
}
