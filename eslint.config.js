// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The engine is pure and deterministic: no UI, no DOM, no Node built-ins, no wall clock, no ambient randomness.
const engineBase = [
  {
    group: ['react', 'react-*', 'react/*', 'zustand', 'zustand/*', 'd3', 'd3-*'],
    message: 'src/engine must not depend on UI libraries.',
  },
  {
    group: ['**/app/**', '**/viz/**', '**/embed/**', '**/lessons/**', '**/cli/**'],
    message: 'src/engine must not import from the UI, lessons or CLI layers.',
  },
  {
    group: ['node:*', 'fs', 'path', 'process'],
    message: 'src/engine runs in the browser too: no Node built-ins.',
  },
];

// One-way imports inside the engine: sim <- api <- client <- controllers <- scenario/world.
const layers = [
  { dir: 'sim', forbidden: ['api', 'client', 'controllers', 'scenario', 'world'] },
  { dir: 'api', forbidden: ['client', 'controllers', 'scenario', 'world'] },
  { dir: 'client', forbidden: ['controllers', 'scenario', 'world'] },
  { dir: 'controllers', forbidden: ['scenario', 'world'] },
  { dir: 'scenario', forbidden: ['world'] },
  { dir: 'world', forbidden: [] },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'coverage',
      '.reports',
      'dev-dist',
      '.bench',
      // Local build folders: each engineer's e2e build (E2E_OUT_DIR) and benchmark builds.
      '.e2e-*',
      '.bench-*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use the sim scheduler: simulation time is virtual.' },
        { name: 'setInterval', message: 'Use the sim scheduler: simulation time is virtual.' },
        { name: 'window', message: 'src/engine has no DOM.' },
        { name: 'document', message: 'src/engine has no DOM.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the sim clock: simulation time is virtual.' },
        { object: 'Math', property: 'random', message: 'Use the seeded sim RNG.' },
        { object: 'performance', property: 'now', message: 'Use the sim clock: simulation time is virtual.' },
      ],
    },
  },
  ...layers.map(({ dir, forbidden }) => ({
    files: [`src/engine/${dir}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...engineBase,
            ...(forbidden.length
              ? [
                  {
                    group: forbidden.map((f) => `**/${f}/**`),
                    message: `src/engine/${dir} must not import from ${forbidden.join(', ')} (imports point down the engine).`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
);
