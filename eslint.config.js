// ESLint with type information over every source file: the floating-promise rules (a
// forgotten await loses an error or a write), the recommended sets, and the layer table of
// docs/architecture.md as an import rule per file.

import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/lib/eslint-layers.js';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.vite/', 'out/', 'review-out/', 'test-results/', 'playwright-report/', 'samples/', 'test/fixtures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // The projects of the solution tsconfig; each file is checked with the first that holds it.
        project: [
          './src/shared/tsconfig.json', './src/main/services/tsconfig.json', './src/main/tsconfig.json', './src/cli/tsconfig.json',
          './src/renderer/tsconfig.json', './test/tsconfig.json', './e2e/tsconfig.json', './scripts/tsconfig.json', './tsconfig.tools.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { layers: layersPlugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'layers/import-direction': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Sanitisers strip control characters on purpose (report text, CSV/XML exports).
      'no-control-regex': 'off',
      // Chinese text is set with ideographic spaces (U+3000).
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Functions run inside the page by Playwright.
    files: ['scripts/ui-scroll-bench.js', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `{}` means none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests may reach across layers to set up fixtures, and read JSON as they find it.
    files: ['**/*.test.{ts,tsx}', 'src/**/testing.ts'],
    rules: { 'layers/import-direction': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
