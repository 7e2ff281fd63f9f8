// Lint with import boundaries: the domain imports no framework or driver, screens never import
// server or main-process code, and the two hosts never import each other.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const drivers = ['better-sqlite3', 'pg', 'kysely', 'kysely/*', 'redis', '@socket.io/*', 'pino', 'express'];
const frameworks = ['electron', 'svelte', 'svelte/*', 'socket.io', 'socket.io-client', 'vite'];

const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default ts.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/artifacts/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/node/**'],
    rules: {
      // The domain also runs in the renderer: no Node globals either.
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', '__filename', 'require', 'global'],
      ...forbid(
        [
          ...drivers,
          ...frameworks,
          'node:*',
          '**/sync-server/**',
          '**/electron/**',
          '**/renderer/**',
          '**/migrations/**',
        ],
        'The domain (core/) is framework-free: no framework, driver, Node built-in or host code.',
      ),
    },
  },
  {
    files: ['core/node/**/*.ts'],
    rules: forbid(
      [...drivers, ...frameworks, '**/sync-server/**', '**/electron/**', '**/renderer/**'],
      'core/node holds Node-only domain helpers: no framework, driver or host code.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    rules: forbid(
      [...drivers, 'electron', 'node:*', '**/sync-server/**', '**/electron/**', '**/migrations/**', '**/core/node/**'],
      'Screens talk to one typed API; they never import server, main-process or Node code.',
    ),
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: forbid(
      ['electron', '**/electron/**', '**/renderer/src/**'],
      'The server never imports the desktop app or screens.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: forbid(
      ['express', '**/sync-server/**', '**/renderer/src/**'],
      'The kiosk never imports the central server or screens.',
    ),
  },
);
