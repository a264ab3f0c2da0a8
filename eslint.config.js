import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The feature folders of src/features/ (see src/features/README.md). */
const FEATURES = [
  'import',
  'search',
  'captions',
  'labels',
  'evaluate',
  'models',
  'storage',
  'folders',
  'gallery',
  'viewer',
  'duplicates',
  'ask',
];
/** The engine's worker side and the model runtime: only src/engine/ and its worker touch them. */
const ENGINE_INSIDE = {
  group: [
    '@huggingface/transformers',
    '**/engine/worker',
    '**/engine/core/{engine,embedder,captioner,asker,runtime,transformers}',
  ],
  message: "Talk to the engine through src/engine/client.ts; the runtime lives in the engine's worker.",
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-e2e',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'dev-dist',
      'bench-models',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/features/**/*.ts', 'src/app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The app never reaches into the engine's worker side or the model runtime directly.
    files: ['src/app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ENGINE_INSIDE] }] },
  },
  {
    // The shared layer sits under the features (and ingest uses it too): it imports nothing above it.
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ENGINE_INSIDE,
            { group: ['**/features/*', '**/app/*'], message: 'src/shared/ stands below the features and the app.' },
          ],
        },
      ],
    },
  },
  // One folder a feature: features never import each other or the app (the app stands on top of them and hands
  // them what they need); what two features need goes to src/shared/ or below.
  ...FEATURES.map((feature) => {
    const others = FEATURES.filter((f) => f !== feature);
    return {
      files: [`src/features/${feature}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ENGINE_INSIDE,
              {
                group: others.flatMap((f) => [`../${f}`, `../${f}/*`, `**/features/${f}/*`]),
                message: 'Features never import each other: move what both need to src/shared/ or below.',
              },
              {
                group: ['../../app', '../../app/*', '**/src/app/*'],
                message: 'Features never import src/app/: the app hands them what they need.',
              },
            ],
          },
        ],
      },
    };
  }),
  {
    // Pure math stays pure: no React, no storage, no model runtime.
    files: ['src/search/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'react',
            '@huggingface/transformers',
            '**/library/*',
            '**/engine/*',
            '**/features/*',
            '**/shared/*',
          ],
        },
      ],
    },
  },
);
