// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.build/', 'dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // With noUncheckedIndexedAccess, `rows[0]!` after a query that must return a row is the
      // honest spelling; a runtime check would only restate the SQL.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^node:', message: 'core/ is pure TypeScript: no Node imports.' }] },
      ],
    },
  },
  // Layering (core <- db <- sync <- server/electron) is enforced by the TypeScript project
  // references: a project cannot import a file outside its own folder and its references.
  {
    // Only core/ must stay free of Node; every other layer may use it.
    files: [
      'db/**',
      'sync/**',
      'server/**',
      'electron/**',
      'launcher/**',
      'renderer/vite.config.ts',
      'test/**',
      'bench/**',
      '*.ts',
      '*.js',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // vitest's asymmetric matchers (expect.objectContaining, expect.any) are typed `any`.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
