import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * Rows are read through electron/db/query.ts (first, all, exists, preparedQuery), typed by the schema
 * (electron/db/schema.ts): no SELECT or PRAGMA prepared anywhere else, and no cast of a statement's result.
 * Writes (INSERT, UPDATE, DELETE) still use prepare().run().
 */
const READS = '^\\s*(SELECT|PRAGMA|WITH|VALUES)\\b';
const readThroughQuery =
  'Rows are read through electron/db/query.ts (first, all, exists, preparedQuery) with a row type from electron/db/schema.ts.';
export const DATABASE_READ_WALL = [
  {
    selector: `CallExpression[callee.property.name='prepare'][arguments.0.value=/${READS}/i]`,
    message: readThroughQuery,
  },
  {
    selector: `CallExpression[callee.property.name='prepare'][arguments.0.quasis.0.value.raw=/${READS}/i]`,
    message: readThroughQuery,
  },
  {
    selector:
      ':matches(TSAsExpression, TSTypeAssertion) > CallExpression[callee.property.name=/^(get|all|iterate)$/][callee.object.callee.property.name=/^(prepare|pluck|raw|expand|bind)$/]',
    message: `No casts of database rows. ${readThroughQuery}`,
  },
  {
    selector: ":matches(TSAsExpression, TSTypeAssertion) > CallExpression[callee.property.name='pragma']",
    message: `No casts of database rows. ${readThroughQuery}`,
  },
];

/**
 * In the Node side (electron/), no cast of JSON parsed from a value's property (`JSON.parse(row.plan) as
 * BundlePlan`): a JSON column is read with jsonColumn() and its zod schema (electron/db/jsonColumns.ts).
 */
export const JSON_COLUMN_WALL = [
  {
    selector:
      ":matches(TSAsExpression, TSTypeAssertion) > CallExpression[callee.object.name='JSON'][callee.property.name='parse'][arguments.0.type='MemberExpression']",
    message:
      'No casts of JSON columns: read them with jsonColumn() (electron/db/query.ts) and a schema from electron/db/jsonColumns.ts.',
  },
];

/**
 * Type-aware lint (typescript-eslint recommendedTypeChecked: floating and misused promises, unsafe `any`,
 * needless assertions, ...) over every TypeScript file: the app's own code, the renderer, the tests and the
 * build configurations (the tests without the unsafe-`any` rules: they read JSON from the command line and
 * from files as `any`).
 */
const TYPE_CHECKED = [
  'shared/**/*.ts',
  'electron/**/*.ts',
  'cli/**/*.ts',
  'scripts/**/*.ts',
  'renderer/**/*.{ts,tsx}',
  'tests/**/*.ts',
  '*.ts',
];

/** Node's own modules by their bare names (`fs`, `path`, `worker_threads` …), for the walls below. */
const nodeModules = (message) =>
  builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message }));

/**
 * The floors (docs/architecture.md): shared code runs on both sides, the renderer only in the page,
 * services know nothing of the hosts that carry them, and only the top floor (cli/, scripts/) imports the
 * command line and the scripts. Type imports count too, and Node's modules by their
 * bare names (`path` as well as `node:path`, matched exactly). tests/unit/eslint.config.walls.test.ts proves each
 * wall refuses what it should.
 */
const BELOW_CLI = {
  group: ['**/cli/**', '**/scripts/**'],
  message: 'The command line and the scripts are the top floor: they import the app, never the other way.',
};

export const IMPORT_WALLS = [
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules('The renderer reaches the app only through renderer/api.ts and shared/.'),
          patterns: [
            {
              group: ['**/electron/**', '**/cli/**', '**/scripts/**', 'electron', 'node:*', 'better-sqlite3'],
              message: 'The renderer reaches the app only through renderer/api.ts and shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules('shared/ is used by both sides: no Node, Electron or renderer imports.'),
          patterns: [
            {
              group: [
                '**/electron/**',
                '**/renderer/**',
                '**/cli/**',
                '**/scripts/**',
                'electron',
                'node:*',
                'better-sqlite3',
              ],
              message: 'shared/ is used by both sides: no Node, Electron or renderer imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [BELOW_CLI] }] },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/db/**/*.ts', 'electron/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shell/**', '**/bridge/**', '**/ipc/**', '**/host/**', 'electron'],
              message:
                'Services run under every host (Electron, the bridge, the CLI, tests): no host imports.',
            },
            BELOW_CLI,
          ],
        },
      ],
    },
  },
  {
    // `type X = import('…').Y` names a module the walls above would not see.
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSImportType',
          message: 'Import types with an import statement, where the walls see them.',
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'test-results', 'coverage', '.data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: TYPE_CHECKED,
  })),
  {
    files: TYPE_CHECKED,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Passing on what a catch caught (unknown) is allowed; rejecting with anything else is not.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // An async function without await still turns a throw into a rejection, which its callers rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // React calls event handlers and ignores what they return: an async handler (which shows its own
    // errors) is fine there. Promises passed anywhere else are still checked.
    files: ['renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...IMPORT_WALLS,
  {
    files: ['cli/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...DATABASE_READ_WALL] },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/db/query.ts'],
    rules: { 'no-restricted-syntax': ['error', ...DATABASE_READ_WALL, ...JSON_COLUMN_WALL] },
  },
);
