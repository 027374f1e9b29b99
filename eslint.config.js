import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import path from 'node:path';
import boundaries from 'eslint-plugin-boundaries';

/**
 * The layers of src/, bottom to top (ARCHITECTURE.md). An import may only point down, or stay in
 * its own layer; `boundaries/dependencies` refuses everything else. A file belongs to the layer
 * of the longest folder that holds it: src/webex is pure (entities, lookup, mapping), while its
 * client and reconciler are IO edges.
 */
const LAYERS = [
  ['base', ['src/support', 'src/diagnostics', 'src/generated']],
  ['model', ['src/model']],
  [
    'core',
    [
      'src/config',
      'src/rules',
      'src/authz',
      'src/plan',
      'src/saved-plan',
      'src/graph',
      'src/export',
      'src/report',
      'src/webex',
    ],
  ],
  [
    'edge',
    [
      'src/workspace',
      'src/store',
      'src/sources',
      'src/audit',
      'src/webex/client',
      'src/webex/reconcile',
    ],
  ],
  ['operations', ['src/operations']],
  ['cli', ['src/cli']],
];

const elements = LAYERS.flatMap(([type, patterns]) =>
  patterns.map((pattern) => ({ type, pattern, partialMatch: false })),
).sort((a, b) => b.pattern.length - a.pattern.length);
const below = (index) => LAYERS.slice(0, index + 1).map(([type]) => type);
const policies = LAYERS.map(([type], index) => ({
  from: { element: { type } },
  allow: { to: { element: { types: { anyOf: below(index) } } } },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // CommonJS by necessity: eslint-plugin-import loads resolvers with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['src/**/*.ts'],
      'import/resolver': { [path.resolve('scripts/eslint-resolve-ts.cjs')]: {} },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies }],
    },
  },
);
