import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The folder rules of DESIGN.md §2, as lint errors. */
const noPixi = { group: ['pixi.js', 'pixi.js/*'], message: 'Only src/lib/render may import pixi.js.' };
const noComlink = {
  group: ['comlink'],
  message: 'Only src/lib/engine-client and workers/trainer.worker.ts may use comlink.'
};
const noWorkerEntry = {
  group: ['**/trainer.worker*'],
  message: 'Only src/lib/engine-client knows the worker exists.'
};
/** The engine has one door: src/ imports workers/engine (its index.ts), never a file inside it. */
const engineDoor = {
  group: ['**/workers/engine/*', '!**/workers/engine/index', '!**/workers/engine/index.ts'],
  message: 'Import the engine from workers/engine (its index.ts), not from a file inside it.'
};

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'dev-dist/', 'node_modules/', 'static/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    // __AXON_TEST_HOOKS__: replaced at build time (vite.config.ts define; declared in workers/test-hooks.d.ts).
    languageOptions: { globals: { ...globals.browser, ...globals.node, __AXON_TEST_HOOKS__: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [noPixi, noComlink, noWorkerEntry] }]
    }
  },
  {
    // Tests in src/ may use tfjs as a reference, but reach the engine through its door like the page.
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPixi, noComlink, noWorkerEntry, engineDoor] }] }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
  },
  {
    // The app classes build URLs and listener sets as plain values, never as reactive state.
    files: ['src/lib/app/**'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' }
  },
  {
    files: ['src/lib/render/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noComlink, noWorkerEntry, engineDoor] }] }
  },
  {
    files: ['src/lib/engine-client/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPixi, engineDoor] }] }
  },
  {
    files: ['workers/trainer.worker.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPixi] }] }
  },
  {
    // The engine is pure computation: no DOM globals, nothing from the page.
    files: ['workers/engine/**/*.ts'],
    ignores: ['workers/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noPixi,
            noComlink,
            { group: ['**/src/**', '$lib', '$lib/*'], message: 'workers/engine imports nothing from src/.' },
            { group: ['@tensorflow/*'], message: 'tfjs is a reference for tests and benchmarks only.' }
          ]
        }
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator']
    }
  },
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noPixi,
            noComlink,
            noWorkerEntry,
            engineDoor,
            { group: ['@tensorflow/*'], message: 'tfjs is a reference for tests and benchmarks only.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/lib/render/**/*.ts', 'src/lib/render/**/*.svelte'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noComlink, noWorkerEntry, engineDoor, { group: ['@tensorflow/*'], message: 'tfjs is for tests only.' }] }] }
  },
  {
    files: ['src/lib/engine-client/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noPixi, engineDoor, { group: ['@tensorflow/*'], message: 'tfjs is for tests only.' }] }] }
  }
);
