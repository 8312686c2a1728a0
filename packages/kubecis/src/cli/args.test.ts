import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './args.js';

describe('parseCommandLine', () => {
  it('parses a full scan command', () => {
    expect(
      parseCommandLine([
        'scan', 'a.yaml', '-', 'dir', '--benchmark', 'cis-1.9', '--format=json', '-o', 'out.json', '--fail-on', 'warn',
        '--strict', '--default-namespace', 'team', '--system-namespaces', 'kube-system, infra,', '--verbose',
      ]),
    ).toEqual({
      command: 'scan',
      paths: ['a.yaml', '-', 'dir'],
      benchmark: 'cis-1.9',
      format: 'json',
      output: 'out.json',
      failOn: 'warn',
      strict: true,
      defaultNamespace: 'team',
      systemNamespaces: ['kube-system', 'infra'],
      verbose: true,
      kubeconfig: undefined,
      context: undefined,
      config: undefined,
      noConfig: false,
      parity: undefined,
    });
  });

  it('leaves unset what kubecis.yaml may set', () => {
    expect(parseCommandLine(['scan', 'x'])).toMatchObject({ format: 'text', failOn: undefined, strict: undefined, benchmark: undefined, systemNamespaces: undefined, defaultNamespace: undefined });
  });

  it('treats everything after -- as paths', () => {
    expect(parseCommandLine(['scan', '--', '--strict'])).toMatchObject({ paths: ['--strict'], strict: undefined });
  });

  it('scans a live cluster when no path is given', () => {
    expect(parseCommandLine(['scan'])).toMatchObject({ command: 'scan', paths: [], kubeconfig: undefined });
    expect(parseCommandLine(['scan', '--kubeconfig', 'k', '--context', 'prod', '--benchmark', 'auto'])).toMatchObject({ paths: [], kubeconfig: 'k', context: 'prod', benchmark: 'auto' });
  });

  it('parses collect', () => {
    expect(parseCommandLine(['collect', '--kubeconfig', 'k', '-o', 'snap.json'])).toEqual({ command: 'collect', kubeconfig: 'k', context: undefined, output: 'snap.json', verbose: false });
  });

  it('accepts every report format and the kube-bench parity mode', () => {
    for (const format of ['text', 'json', 'kube-bench', 'kube-bench-junit', 'sarif', 'junit', 'markdown']) {
      expect(parseCommandLine(['scan', 'x', '--format', format])).toMatchObject({ format });
    }
    expect(parseCommandLine(['scan', 'x', '--parity', 'kube-bench', '--config', 'c.yaml'])).toMatchObject({ parity: 'kube-bench', config: 'c.yaml' });
  });

  it('gives help and version before anything else', () => {
    expect(parseCommandLine(['scan', '--bogus-but-help', '-h'])).toMatchObject({ command: 'error' });
    expect(parseCommandLine(['-h'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['help'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['scan', 'x', '--version'])).toEqual({ command: 'version' });
  });

  it('allows an empty system namespace list', () => {
    expect(parseCommandLine(['scan', 'x', '--system-namespaces', ''])).toMatchObject({ systemNamespaces: [] });
  });

  it.each([
    [['scan', 'x', '--kubeconfig', 'k'], 'takes no paths'],
    [['scan', 'x', '--parity', 'kubescape'], 'Unknown --parity'],
    [['scan', 'x', '--config', 'a', '--no-config'], 'contradict'],
    [['collect', '--format', 'json'], 'option of scan'],
    [['collect', 'x.yaml'], 'takes no paths'],
    [['scan', '--context', ''], '--context needs'],
    [['scan', 'x', '--format', 'yaml'], 'Unknown --format'],
    [['scan', 'x', '--fail-on', 'error'], 'Unknown --fail-on'],
    [['scan', 'x', '--output', ' '], '--output needs'],
    [['scan', 'x', '--strict=yes'], 'strict'],
    [['lint', 'x'], 'Unknown command'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.command).toBe('error');
    expect(parsed.command === 'error' ? parsed.message : '').toContain(message);
  });
});
