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
    });
  });

  it('has defaults', () => {
    expect(parseCommandLine(['scan', 'x'])).toMatchObject({ format: 'text', failOn: 'fail', strict: false, benchmark: undefined, systemNamespaces: undefined });
  });

  it('treats everything after -- as paths', () => {
    expect(parseCommandLine(['scan', '--', '--strict'])).toMatchObject({ paths: ['--strict'], strict: false });
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
    [['scan', 'x', '--format', 'sarif'], 'not supported yet'],
    [['scan', 'x', '--kubeconfig', 'k'], 'not supported yet'],
    [['scan', 'x', '--format', 'yaml'], 'Unknown --format'],
    [['scan', 'x', '--fail-on', 'error'], 'Unknown --fail-on'],
    [['scan', 'x', '--output', ' '], '--output needs'],
    [['scan', 'x', '--strict=yes'], 'strict'],
    [['scan'], 'Nothing to scan'],
    [['lint', 'x'], 'Unknown command'],
  ])('refuses %j', (argv, message) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.command).toBe('error');
    expect(parsed.command === 'error' ? parsed.message : '').toContain(message);
  });
});
