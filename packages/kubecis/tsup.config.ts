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
  },
]);
