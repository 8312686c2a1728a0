import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const conditions = ['@kubecis/source', 'import', 'module', 'default'];
const packages = ['core', 'rules-rbac', 'rules-pss', 'rules-network', 'testkit', 'kubecis'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test'), __KUBECIS_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    globals: true,
    // Property, fuzz and corpus tests run for seconds each; on a loaded CI machine the default 5 s is
    // too tight. A hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name: name === 'kubecis' ? 'kubecis' : `@kubecis/${name}`,
          root: `./packages/${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      })),
      { extends: true as const, test: { name: 'repo', root: '.', include: ['test/**/*.test.ts'] } },
    ],
    benchmark: { include: ['**/*.bench.ts'] },
  },
});
