// The command line of `kubecis scan`, parsed with node:util's parseArgs.

import { parseArgs } from 'node:util';

export const formats = ['text', 'json'] as const;
export type Format = (typeof formats)[number];
/** Formats DESIGN.md names that a later release adds. */
export const laterFormats = ['kube-bench', 'sarif', 'junit', 'markdown'] as const;
export const failOnLevels = ['fail', 'warn', 'never'] as const;
export type FailOn = (typeof failOnLevels)[number];

export interface ScanArgs {
  readonly command: 'scan';
  readonly paths: readonly string[];
  readonly benchmark: string | undefined;
  readonly format: Format;
  readonly output: string | undefined;
  readonly failOn: FailOn;
  readonly strict: boolean;
  readonly defaultNamespace: string | undefined;
  readonly systemNamespaces: readonly string[] | undefined;
  readonly verbose: boolean;
}

export type ParsedArgs =
  | ScanArgs
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | { readonly command: 'error'; readonly message: string };

export const usage = `Usage: kubecis scan [PATH...|-] [options]

Checks Kubernetes manifests against the CIS Kubernetes Benchmark, section 5 (Policies).
PATH is a file or a directory (read recursively: .yaml, .yml, .json); - reads stdin.

Options:
  --benchmark ID            benchmark profile (default: cis-1.10)
  --format text|json        report format (default: text)
  -o, --output FILE         write the report to FILE instead of stdout
  --fail-on fail|warn|never exit 1 when a control is at or above this status (default: fail)
  --strict                  count what the built-in exemptions hide (bootstrap RBAC, system namespaces)
  --default-namespace NS    namespace of objects that name none (default: default)
  --system-namespaces A,B   system namespaces (default: kube-system,kube-public,kube-node-lease)
  -v, --verbose             list passing and exempted findings; print timings to stderr
  -h, --help                show this help
  --version                 print the version

Exit codes: 0 nothing at or above --fail-on, 1 controls at or above it, 2 usage or input error.
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
  // Accepted so that they can be refused clearly: a later release implements them.
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  config: { type: 'string' },
} as const;

function oneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

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
  if (command !== 'scan') return { command: 'error', message: `Unknown command "${command}"` };

  for (const name of ['kubeconfig', 'context', 'config'] as const) {
    if (values[name] !== undefined) {
      return {
        command: 'error',
        message:
          name === 'config'
            ? '--config is not supported yet: a later release reads kubecis.yaml'
            : `--${name} is not supported yet: live cluster scans come in a later release; scan exported manifests instead (kubectl get ... -o yaml > f.yaml)`,
      };
    }
  }
  const format = values.format ?? 'text';
  if (!oneOf(format, formats)) {
    if (oneOf(format, laterFormats)) return { command: 'error', message: `--format ${format} is not supported yet; use text or json` };
    return { command: 'error', message: `Unknown --format "${format}"; use text or json` };
  }
  const failOn = values['fail-on'] ?? 'fail';
  if (!oneOf(failOn, failOnLevels)) return { command: 'error', message: `Unknown --fail-on "${failOn}"; use fail, warn or never` };
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
  if (values.output?.trim() === '') return { command: 'error', message: '--output needs a file name' };
  if (paths.length === 0) {
    return { command: 'error', message: 'Nothing to scan: give files, directories, or - for stdin' };
  }
  return {
    command: 'scan',
    paths,
    benchmark: values.benchmark,
    format,
    output: values.output,
    failOn,
    strict: values.strict === true,
    defaultNamespace: defaultNamespace?.trim(),
    systemNamespaces,
    verbose: values.verbose === true,
  };
}
