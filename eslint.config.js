import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', 'dev-dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The UI never reaches into the engine's worker side or the model runtime directly.
    files: ['src/ui/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@huggingface/transformers', '**/engine/core/*', '**/engine/worker'] }],
    },
  },
  {
    // Pure math stays pure: no React, no storage, no model runtime.
    files: ['src/search/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'idb-keyval', '@huggingface/transformers', '**/library/*', '**/engine/*'] }],
    },
  },
);
