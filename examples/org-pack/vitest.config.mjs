// Runs this package's own tests (`pnpm --filter @acme/kubecis-rules test`). In the kubecis
// repository the same suites also run from the root, through test/examples.test.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `@kubecis/source` resolves workspace packages to their TypeScript sources, so no build is needed.
const conditions = ['@kubecis/source', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    globals: true,
    include: ['test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('../../vitest.setup.ts', import.meta.url))],
  },
});
