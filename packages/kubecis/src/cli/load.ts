// Turns the text of one input (a file or stdin) into documents with their source lines, and
// into diagnostics for everything that cannot be read. Never throws, never quotes the input:
// diagnostics name positions and kinds of problems only, so a Secret's line cannot leak.

import * as jsyaml from 'js-yaml';
import { CORE_SCHEMA, loadAll, Type, YAMLException, type LoadOptions } from 'js-yaml';
import { formatPath, type Diagnostic, type DiagnosticSeverity } from '@kubecis/core';
import { checkAliasExpansion, maxAliasExpansion, maxDepth, mayHaveAliases, mayHaveProtoKey, stripProtoKeys } from './guard.js';
import { countLines } from './lines.js';
import { splitYamlDocuments } from './split.js';
import { firstContentLine, YamlLocator } from './locate-yaml.js';
import { JsonLocator, scanJsonStructure, type JsonStructure } from './locate-json.js';
import { readSimpleYaml } from './fast-yaml.js';

// js-yaml exports its types at run time, but @types/js-yaml does not declare them.
const bundled = (jsyaml as unknown as { types?: Readonly<Record<string, Type | undefined>> }).types ?? {};
/** `<<` merge keys, as js-yaml's own merge type resolves them. */
const mergeType = bundled['merge'] ?? new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<' || data === null });
const explicitTypes = ['binary', 'omap', 'pairs', 'set', 'timestamp'].flatMap((name) => (bundled[name] ? [bundled[name]] : []));

/**
 * YAML 1.2 core types plus merge keys, as Kubernetes reads manifests. Timestamps, binary and
 * the other YAML 1.1 types apply only when a node is tagged, so `creationTimestamp` stays a string.
 */
export const schema = CORE_SCHEMA.extend({ implicit: [mergeType], explicit: explicitTypes });

/** The text a document was read from, kept so that field positions can be worked out later. */
export interface DocumentText {
  readonly format: 'yaml' | 'json';
  readonly text: string;
  /** The 0-based line of the text's first character in its file. */
  readonly baseLine: number;
  /** Set when the text held more than one document (positions would be ambiguous). */
  readonly shared: boolean;
  /** For JSON: where its objects and arrays open and close (the depth check's scan, reused to locate fields). */
  readonly structure?: JsonStructure;
}

export interface LoadedDocument {
  readonly value: object;
  /** 1-based line of the document's first content line. */
  readonly line: number;
  /** 0-based index of the document in its file. */
  readonly index: number;
  readonly source: DocumentText;
}

export interface LoadResult {
  readonly documents: LoadedDocument[];
  readonly diagnostics: Diagnostic[];
  /** Documents found, including empty and refused ones. */
  readonly documentCount: number;
}

/** A js-yaml reason reduced to the kind of problem: quoted names, tags and values removed. */
export function describeYamlReason(reason: string | undefined): string {
  if (reason === undefined || reason === '') return 'unreadable YAML';
  const cleaned = reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/!<[^>]*>/g, '!<…>')
    .replace(/(malformed|characters|acceptable): .*$/, '$1');
  return cleaned.length > 160 ? `${cleaned.slice(0, 157)}...` : cleaned;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

class Collector {
  readonly diagnostics: Diagnostic[] = [];
  private lines: number | undefined;
  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  /** A diagnostic at a 1-based line, kept inside the text (js-yaml places end-of-input errors on the line after the last). */
  add(severity: DiagnosticSeverity, line: number, message: string): void {
    this.lines ??= countLines(this.text, 0, this.text.length) + 1;
    this.diagnostics.push({ severity, message, source: { file: this.file, line: Math.min(Math.max(1, line), this.lines) } });
  }
}

function loadYamlChunk(text: string, json: boolean, warnings: YAMLException[]): unknown[] {
  // Plain manifest YAML has a reader of its own (it reads it as js-yaml would, faster); js-yaml
  // reads the rest, and every document the fast reader refuses, errors included.
  const simple = json ? undefined : readSimpleYaml(text);
  if (simple !== undefined) return simple;
  const options = { schema, json, maxDepth, onWarning: (w: YAMLException) => warnings.push(w) } as LoadOptions;
  return loadAll(text, null, options);
}

/** Screens one parsed document: aliases, `__proto__` keys, scalars. Returns it when usable. */
function screen(
  value: unknown,
  text: string,
  format: 'yaml' | 'json',
  where: { line: number; baseLine: number; label: string; structure?: JsonStructure },
  out: Collector,
): object | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') {
    out.add('error', where.line, `${where.label} is a ${typeName(value)}, not a Kubernetes object; it was skipped`);
    return null;
  }
  if (format === 'yaml' && mayHaveAliases(text)) {
    const verdict = checkAliasExpansion(value);
    if (!verdict.ok) {
      out.add(
        'error',
        where.line,
        verdict.reason === 'cycle'
          ? `${where.label} refers to itself through a YAML alias; it was skipped`
          : `${where.label} expands YAML aliases to more than ${String(maxAliasExpansion)} extra nodes (an alias bomb?); it was skipped`,
      );
      return null;
    }
  }
  if (mayHaveProtoKey(text)) {
    const removed = stripProtoKeys(value);
    if (removed.length > 0) {
      const locator = format === 'yaml' ? new YamlLocator(text) : new JsonLocator(text, where.structure);
      for (const path of removed) {
        const found = locator.locate(path);
        const line = found ? where.baseLine + found.position.line + 1 : where.line;
        out.add('warning', line, `${where.label}: key "__proto__" at ${formatPath(path)} was ignored (it is never a Kubernetes field)`);
      }
    }
  }
  return value;
}

function loadYaml(text: string, out: Collector, documents: LoadedDocument[], firstIndex: number): number {
  let index = firstIndex;
  for (const chunk of splitYamlDocuments(text)) {
    const warnings: YAMLException[] = [];
    let values: unknown[];
    let duplicateKeyLine: number | null = null;
    try {
      values = loadYamlChunk(chunk.text, false, warnings);
    } catch (error) {
      const line = error instanceof YAMLException ? chunk.line + error.mark.line + 1 : chunk.line + 1;
      const reason = error instanceof YAMLException ? error.reason : undefined;
      if (reason === 'duplicated mapping key') {
        // kubectl keeps the last value of a repeated key; so does kubecis, with a warning.
        try {
          values = loadYamlChunk(chunk.text, true, warnings);
          duplicateKeyLine = line;
        } catch (retry) {
          const retryLine = retry instanceof YAMLException ? chunk.line + retry.mark.line + 1 : line;
          out.add('error', retryLine, `YAML syntax error in document ${String(index + 1)}: ${describeYamlReason(retry instanceof YAMLException ? retry.reason : undefined)}; the document was skipped`);
          index++;
          continue;
        }
      } else {
        out.add('error', line, `YAML syntax error in document ${String(index + 1)}: ${describeYamlReason(reason)}; the document was skipped`);
        index++;
        continue;
      }
    }
    for (const warning of warnings) {
      out.add('warning', chunk.line + warning.mark.line + 1, `YAML warning in document ${String(index + 1)}: ${describeYamlReason(warning.reason)}`);
    }
    if (values.length === 0) continue;
    const rootLine = chunk.line + firstContentLine(chunk.text) + 1;
    if (duplicateKeyLine !== null) {
      out.add('warning', duplicateKeyLine, `Document ${String(index + 1)} repeats a mapping key; the last value was used, as kubectl does`);
    }
    const source: DocumentText = { format: 'yaml', text: chunk.text, baseLine: chunk.line, shared: values.length > 1 };
    for (const raw of values) {
      const label = `Document ${String(index + 1)}`;
      const value = screen(raw, chunk.text, 'yaml', { line: rootLine, baseLine: chunk.line, label }, out);
      if (value !== null) documents.push({ value, line: rootLine, index, source });
      index++;
    }
  }
  return index - firstIndex;
}

function firstNonSpace(text: string): number {
  let p = 0;
  while (p < text.length) {
    const code = text.charCodeAt(p);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
    p++;
  }
  return p;
}

/** Reads one input's text: JSON when it looks like JSON, YAML otherwise (and when JSON fails). */
export function loadText(rawText: string, file: string): LoadResult {
  const out = new Collector(file, rawText);
  const documents: LoadedDocument[] = [];
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const start = firstNonSpace(text);
  if (start >= text.length) {
    out.add('warning', 1, 'The input is empty');
    return { documents, diagnostics: out.diagnostics, documentCount: 0 };
  }
  // Like git, call a text binary when its first 8 KiB hold a NUL byte (the parsers reject the rest).
  const nul = text.slice(0, 8192).indexOf('\u0000');
  if (nul !== -1 && nul < 8192) {
    const line = countLines(text, 0, nul) + 1;
    out.add('error', line, 'The input holds NUL bytes (a binary file?); it was skipped');
    return { documents, diagnostics: out.diagnostics, documentCount: 0 };
  }
  const first = text.charCodeAt(start);
  const looksJson = first === 123 /* { */ || first === 91; /* [ */
  if (looksJson) {
    let value: unknown;
    let parsed = false;
    try {
      value = JSON.parse(text);
      parsed = true;
    } catch (error) {
      // JSON.parse's message quotes the input, so only its position is used.
      const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
      const line = at ? countLines(text, 0, Number(at[1])) + 1 : 1;
      out.add('warning', line, 'The input is not valid JSON; it was read as YAML instead');
    }
    if (parsed) {
      const rootLine = countLines(text, 0, start) + 1;
      const structure = typeof value === 'object' && value !== null ? scanJsonStructure(text, maxDepth) : undefined;
      if (structure !== undefined && structure.tooDeepAt !== -1) {
        out.add('error', countLines(text, 0, structure.tooDeepAt) + 1, `The JSON nests deeper than ${String(maxDepth)} levels; it was skipped`);
        return { documents, diagnostics: out.diagnostics, documentCount: 1 };
      }
      const source: DocumentText = { format: 'json', text, baseLine: 0, shared: false, ...(structure === undefined ? {} : { structure }) };
      const screened = screen(value, text, 'json', { line: rootLine, baseLine: 0, label: 'The JSON document', ...(structure === undefined ? {} : { structure }) }, out);
      if (screened !== null) documents.push({ value: screened, line: rootLine, index: 0, source });
      return { documents, diagnostics: out.diagnostics, documentCount: 1 };
    }
  }
  const count = loadYaml(text, out, documents, 0);
  return { documents, diagnostics: out.diagnostics, documentCount: count };
}
