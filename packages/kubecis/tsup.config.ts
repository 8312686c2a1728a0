import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
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
    splitting: true,
  },
]);
