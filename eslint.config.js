// Lint is part of `npm test`: errors, not warnings.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.scratch/**', 'bench/.tmp/**', 'bench/.cache/**', 'node_modules/**', 'dist/**', '**/*.js', '**/*.mjs', '.keruen-demo/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs in the browser too: no Node APIs, no adapters.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'better-sqlite3', 'ws'], message: 'core is pure: no Node APIs or adapters' },
        { group: ['**/store/**', '**/relay/**', '**/cli/**', '**/sync/**', '**/web/**'], message: 'core may not import adapters' },
      ] }],
    },
  },
);
