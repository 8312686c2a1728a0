// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureGlobs = ['packages/core/src/**/*.ts', 'packages/rules-*/src/**/*.ts', 'packages/kubecis/src/benchmarks/**/*.ts', 'packages/kubecis/src/parity/**/*.ts', 'packages/kubecis/src/config/**/*.ts'];

export default tseslint.config(
  {
    name: 'kubecis/ignores',
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  { name: 'kubecis/js', ...js.configs.recommended },
  ...tseslint.configs.strictTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  ...tseslint.configs.stylisticTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    name: 'kubecis/typescript',
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': 'off',
      '@typescript-eslint/array-type': 'off',
      '@typescript-eslint/prefer-nullish-coalescing': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/dot-notation': 'off',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    name: 'kubecis/config-files',
    files: ['**/tsup.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    name: 'kubecis/tests',
    files: ['**/*.test.ts', '**/*.bench.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/require-yield': 'off',
      'require-yield': 'off',
    },
  },
  {
    name: 'kubecis/pure-packages',
    files: pureGlobs,
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'Core and rule packs are pure: no Node.js modules.' }] }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Core and rule packs are pure: pass values in.' },
        { name: 'console', message: 'Core and rule packs are silent.' },
        { name: 'window', message: 'Core and rule packs use no DOM.' },
        { name: 'document', message: 'Core and rule packs use no DOM.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'No clock: take `now` as an option.' },
        { object: 'Math', property: 'random', message: 'No randomness in rules.' },
      ],
    },
  },
);
