// Finds and reads kubecis.yaml, and loads the rule packs it names (ESM modules, by path or
// package name). Every problem is a diagnostic with file and line; nothing of a broken file is used.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globMatcher, type AnyRule, type Benchmark, type Diagnostic, type Pack, type PathSegment } from '@kubecis/core';
import type { Config } from '../config/schema.js';
import { configFileNames, describeFsError } from './inputs.js';

export interface LoadedConfig {
  /** The file read (absolute path); `null` when there is none. */
  readonly file: string | null;
  /** Its name in diagnostics: as given, or relative to the working directory. */
  readonly display: string;
  /** The line of a path in the file. */
  readonly lineOf: (path: readonly PathSegment[]) => number;
  readonly config: Config;
  readonly diagnostics: readonly Diagnostic[];
  /** Set when the file exists but cannot be used: the scan must stop. */
  readonly failed: boolean;
}

function fsCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** Reads `--config FILE`, or kubecis.yaml in the working directory when there is one. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<LoadedConfig> {
  const candidates = explicit === undefined ? configFileNames.map((name) => join(cwd, name)) : [resolve(cwd, explicit)];
  for (const path of candidates) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (explicit === undefined && fsCode(error) === 'ENOENT') continue;
      const shown = explicit ?? path;
      return { file: path, display: shown, lineOf: () => 1, config: {}, failed: true, diagnostics: [{ severity: 'error', message: `Cannot read the configuration ${shown}: ${describeFsError(error)}`, source: { file: shown, line: 1 } }] };
    }
    const shown = explicit ?? path.slice(cwd.length + 1);
    // Loaded only when there is a file: its YAML parser is not needed otherwise.
    const { parseConfig } = await import('../config/parse.js');
    const parsed = parseConfig(text, shown);
    return { file: path, display: shown, lineOf: parsed.lineOf, config: parsed.config ?? {}, diagnostics: parsed.diagnostics, failed: parsed.config === null };
  }
  return { file: null, display: '', lineOf: () => 1, config: {}, diagnostics: [], failed: false };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isRule(value: unknown): value is AnyRule {
  return isRecord(value) && typeof value['id'] === 'string' && typeof value['check'] === 'function' && isRecord(value['meta']);
}

function isPack(value: unknown): value is Pack {
  return isRecord(value) && typeof value['name'] === 'string' && Array.isArray(value['rules']) && (value['rules'] as unknown[]).every(isRule);
}

/** Where a pack specifier points: a path relative to the config file, or a package resolved from there. */
function resolvePack(specifier: string, baseDir: string): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return resolve(baseDir, specifier);
  const require = createRequire(join(baseDir, 'kubecis.yaml'));
  try {
    return require.resolve(specifier);
  } catch {
    // An ESM-only package has no `require` condition: read its exports map ourselves.
    for (let dir = baseDir; ; dir = dirname(dir)) {
      const manifestPath = join(dir, 'node_modules', specifier, 'package.json');
      try {
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown; module?: string; main?: string };
        const entry = exportTarget(manifest.exports) ?? manifest.module ?? manifest.main ?? 'index.js';
        return join(dirname(manifestPath), entry);
      } catch {
        if (dirname(dir) === dir) throw new Error(`cannot find package "${specifier}" from ${baseDir}`);
      }
    }
  }
}

function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!isRecord(exports)) return undefined;
  const root = '.' in exports ? exports['.'] : exports;
  if (typeof root === 'string') return root;
  if (!isRecord(root)) return undefined;
  for (const condition of ['import', 'node', 'default']) {
    const target = root[condition];
    const found = typeof target === 'string' ? target : exportTarget(target);
    if (found !== undefined) return found;
  }
  return undefined;
}

export interface LoadedPacks {
  readonly packs: Pack[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Imports the packs kubecis.yaml names. A module may export packs (named or default) or, if it
 * exports no pack, rules. A module that cannot be loaded, or exports neither, is an error.
 */
export async function loadPacks(loaded: LoadedConfig): Promise<LoadedPacks> {
  const packs: Pack[] = [];
  const diagnostics: Diagnostic[] = [];
  if (loaded.file === null || loaded.config.packs === undefined) return { packs, diagnostics };
  const baseDir = dirname(loaded.file);
  for (const [index, specifier] of loaded.config.packs.entries()) {
    const source = { file: loaded.display, line: loaded.lineOf(['packs', index]) };
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(resolvePack(specifier, baseDir)).href)) as Record<string, unknown>;
    } catch (error) {
      diagnostics.push({ severity: 'error', message: `Cannot load the rule pack "${specifier}": ${error instanceof Error ? error.message : String(error)}`, source });
      continue;
    }
    const values = [...new Set(Object.values(module))];
    const found = values.filter(isPack);
    if (found.length > 0) {
      packs.push(...found);
      continue;
    }
    const rules = values.filter(isRule);
    if (rules.length > 0) {
      packs.push({ name: specifier, rules });
      continue;
    }
    diagnostics.push({ severity: 'error', message: `The rule pack "${specifier}" exports no pack and no rule`, source });
  }
  return { packs, diagnostics };
}

/**
 * Checks `rules:` against the rules of the benchmark that runs: options a rule refuses are
 * errors (the scan stops), names that match no rule are warnings (a typo would silently do nothing).
 */
export function checkRuleSettings(loaded: LoadedConfig, benchmark: Benchmark): Diagnostic[] {
  const settings = loaded.config.rules;
  if (settings === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  const byId = new Map(benchmark.rules.map((r) => [r.id, r]));
  const at = (path: readonly PathSegment[]) => ({ file: loaded.display, line: loaded.lineOf(path) });
  const unknown = (field: string, id: string): Diagnostic => ({
    severity: 'warning',
    message: `rules.${field} names "${id}", which is not a rule of ${benchmark.id}; it has no effect`,
    source: at(['rules', field, id]),
  });
  for (const [id, value] of Object.entries(settings.options ?? {})) {
    const rule = byId.get(id);
    if (rule === undefined) {
      diagnostics.push(unknown('options', id));
      continue;
    }
    if (rule.meta.options === undefined) {
      diagnostics.push({ severity: 'warning', message: `rules.options.${id}: this rule takes no options; they have no effect`, source: at(['rules', 'options', id]) });
      continue;
    }
    try {
      rule.parseOptions(value);
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(`Invalid options for ${id}: `, '');
      diagnostics.push({ severity: 'error', message: `rules.options.${id}: ${message}`, source: at(['rules', 'options', id]) });
    }
  }
  for (const id of Object.keys(settings.severity ?? {})) if (!byId.has(id)) diagnostics.push(unknown('severity', id));
  for (const [index, glob] of (settings.disable ?? []).entries()) {
    const matches = globMatcher([glob]);
    if (!benchmark.rules.some((r) => matches(r.id))) {
      diagnostics.push({ severity: 'warning', message: `rules.disable: "${glob}" matches no rule of ${benchmark.id}`, source: at(['rules', 'disable', index]) });
    }
  }
  return diagnostics;
}
