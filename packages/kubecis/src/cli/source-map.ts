// Remembers where every input of the snapshot came from and implements core's `locate` hook:
// the exact line of a finding's field, worked out only for the documents that have findings.

import { parsePath, type ObjectOrigin, type PathSegment, type SourceLocation } from '@kubecis/core';
import type { DocumentText, LoadedDocument } from './load.js';
import { YamlLocator } from './locate-yaml.js';
import { JsonLocator } from './locate-json.js';

interface Entry {
  readonly file: string;
  readonly source: DocumentText;
}

export interface LocateStats {
  /** Documents whose text was indexed to answer a `locate` call. */
  documentsIndexed: number;
  /** Calls to `locate`. */
  calls: number;
  /** YAML lookups the fast walker could not finish (the `yaml` parser answered them). */
  fallbacks: number;
}

export class SourceMap {
  /** The objects for `createSnapshot`, by input index. */
  readonly values: object[] = [];
  /** Their sources (file and first line), by input index. */
  readonly sources: SourceLocation[] = [];
  private readonly entries: Entry[] = [];
  private readonly locators = new Map<DocumentText, YamlLocator | JsonLocator>();
  /** Paths read back into segments, once each: a large cluster's findings share a few hundred paths. */
  private readonly paths = new Map<string, readonly PathSegment[] | null>();
  readonly stats: LocateStats = { documentsIndexed: 0, calls: 0, fallbacks: 0 };

  /**
   * Forgets the documents' texts and the locators' indexes once every position has been looked up
   * (a 100k-object dump's text is 180 MB): later `locate` calls answer with the objects' own
   * sources. The values and their sources stay.
   */
  release(): void {
    this.entries.length = 0;
    this.locators.clear();
    this.paths.clear();
  }

  add(file: string, document: LoadedDocument): void {
    this.values.push(document.value);
    this.sources.push({ file, line: document.line });
    this.entries.push({ file, source: document.source });
  }

  private locatorFor(source: DocumentText): YamlLocator | JsonLocator {
    let locator = this.locators.get(source);
    if (locator === undefined) {
      locator = source.format === 'yaml' ? new YamlLocator(source.text) : new JsonLocator(source.text, source.structure);
      this.locators.set(source, locator);
      this.stats.documentsIndexed++;
    }
    return locator;
  }

  /** Core's `locate` hook: the line of `path` inside the object that `origin` names. */
  readonly locate = (origin: ObjectOrigin, path: string | null): SourceLocation | null => {
    this.stats.calls++;
    const entry = this.entries[origin.inputIndex];
    if (entry === undefined || entry.source.shared) return origin.source;
    let relative: readonly PathSegment[] | null | undefined = [];
    if (path !== null && path !== '') {
      relative = this.paths.get(path);
      if (relative === undefined) this.paths.set(path, (relative = parsePath(path)));
    }
    const segments = [...origin.documentPath, ...(relative ?? [])];
    if (segments.length === 0) return origin.source;
    try {
      const locator = this.locatorFor(entry.source);
      const before = locator instanceof YamlLocator ? locator.fallbacks : 0;
      const found = locator.locate(segments);
      if (locator instanceof YamlLocator) this.stats.fallbacks += locator.fallbacks - before;
      if (found === null || found.resolved === 0 || found.resolved < origin.documentPath.length) return origin.source;
      return { file: entry.file, line: entry.source.baseLine + found.position.line + 1 };
    } catch {
      // A position is a convenience: never let it cost the report.
      return origin.source;
    }
  };
}
