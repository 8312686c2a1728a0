// Shared tsup settings for every library package (STYLE.md 8.5).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

export interface LibraryOverrides {
  readonly entry?: Record<string, string>;
  readonly platform?: 'neutral' | 'node';
  readonly define?: Record<string, string>;
}

export function libraryConfig(overrides: LibraryOverrides = {}): Options {
  const { version } = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
  return {
    entry: overrides.entry ?? { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: overrides.platform ?? 'neutral',
    tsconfig: 'tsconfig.build.json',
    define: { __PACKAGE_VERSION__: JSON.stringify(version), ...(overrides.define ?? {}) },
    treeshake: true,
  };
}
