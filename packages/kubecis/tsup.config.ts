import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
/**
 * zod's namespace exports every locale (50 modules, a quarter of the bundle's code) and the command
 * uses English only: the bundle gets a locales module that holds just that one.
 */
const englishOnly: Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), args.path), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: dirname(args.path) }));
  },
};

const define = { __KUBECIS_VERSION__: JSON.stringify(version) };

export default defineConfig([
  libraryConfig({ define }),
  // Live-cluster collection needs Node (fs, https): a subpath of its own keeps the main entry browser-safe.
  { ...libraryConfig({ entry: { collect: 'src/collect/index.ts' }, platform: 'node', define }), clean: false },
  {
    ...libraryConfig({ entry: { cli: 'src/cli.ts' }, platform: 'node', define }),
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
    // The command is one bundle with its lazily loaded parts split off: Node 20 loads ES modules
    // one by one (zod alone is ~150 files), which was a third of a small scan's time. Rule packs
    // named in a config import their own @kubecis/core; core keeps no module state (no symbols,
    // WeakMaps or private fields), so its two copies agree on every object they pass.
    noExternal: [/^@kubecis\//, 'zod', 'js-yaml'],
    esbuildPlugins: [englishOnly],
    splitting: true,
  },
]);
