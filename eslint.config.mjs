// ESLint (flat config): typescript-eslint, react-hooks, and the rules that keep the layers apart.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const remote = { name: '@electron/remote', message: 'No @electron/remote: slow and unsafe (Electron security guide). Use the typed API.' };
const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
const ipcOnlyInWrappers = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw ipcMain/ipcRenderer only in the IPC wrappers (electron/main/ipc.ts, electron/preload/ipc-transport.ts).',
};
const IPC_WRAPPERS = ['electron/main/ipc.ts', 'electron/preload/ipc-transport.ts'];

/**
 * The engine's layers, lowest first (docs/dev/interfaces.md, "Layers"). A folder may import its own
 * layer and those below it, never one above; the kernel (engine.ts, platform.ts, version.ts) is
 * below everything, index.ts and start.ts above. Type-only imports are allowed across (they vanish
 * at run time). Import cycles inside a layer are caught by `npm run check:cycles` (dpdm).
 */
const ENGINE_LAYERS = [
  ['fs', 'demo', 'sheets'], // files, the demo data generator, CSV/XLSX table writers
  ['settings'],
  ['db', 'crypto'], // the database wrapper and its encryption
  ['store'], // the ledger store: database services, writer, lock, store folder, upload-queue rows
  ['audit'],
  ['templates'],
  ['s3'],
  ['cache'], // the billing data cache: import, validation, queries
  ['statements'], // pure computation over the cache
  ['render'],
  ['ledger'],
  ['uploads'],
  ['usecases'], // preview, generate, preflight
  ['batch', 'tabular', 'sync'],
  ['exports'],
  ['handlers'],
];
const ENGINE_TOP = ['index', 'start'];
const upward = (names) => names.flatMap((n) => [`../${n}`, `../${n}/**`, `../../${n}`, `../../${n}/**`, `../../../${n}/**`]);
const ENGINE_TEST_SUPPORT = ['**/*.test.ts', '**/testing.ts', '**/test-support.ts', '**/testing-proxy.ts', '**/crash-child.ts'];
const engineLayerRules = ENGINE_LAYERS.flatMap((layer, i) =>
  layer.map((folder) => ({
    files: [`electron/engine/${folder}/**/*.ts`],
    ignores: ENGINE_TEST_SUPPORT,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '..', message: 'The engine index (electron/engine/index.ts) is above every layer' }],
          patterns: [
            {
              group: [...upward(ENGINE_LAYERS.slice(i + 1).flat()), ...upward(ENGINE_TOP)],
              allowTypeImports: true,
              message: `electron/engine/${folder} is below this import in the engine's layers (eslint.config.mjs ENGINE_LAYERS): pass what it needs in as an engine service, or move the code down`,
            },
          ],
        },
      ],
    },
  })),
);
const engineKernelRule = {
  files: ['electron/engine/engine.ts', 'electron/engine/platform.ts', 'electron/engine/version.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [...ENGINE_LAYERS.flat(), ...ENGINE_TOP].flatMap((n) => [`./${n}`, `./${n}/**`]),
            allowTypeImports: true,
            message: 'The engine kernel (engine.ts, platform.ts, version.ts) imports no part of the engine',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', '.folio-dev/**', '.bench-data/**', 'coverage/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-empty-object-type': 'off',
      // ESLint 10's new recommended rule misreads values set before try/finally and loops
      'no-useless-assignment': 'off',
      'no-restricted-imports': ['error', { paths: [remote, ipcOnlyInWrappers] }],
      'no-restricted-properties': [
        'error',
        { object: 'electron', property: 'ipcMain', message: ipcOnlyInWrappers.message },
        { object: 'electron', property: 'ipcRenderer', message: ipcOnlyInWrappers.message },
        { object: 'electron', property: 'remote', message: remote.message },
      ],
    },
  },
  // the IPC wrappers are the only files allowed raw ipcMain/ipcRenderer
  {
    files: IPC_WRAPPERS,
    rules: { 'no-restricted-imports': ['error', { paths: [remote] }], 'no-restricted-properties': 'off' },
  },
  // the engine and the shared contract run in plain Node (CLI, tests, utilityProcess): no Electron
  {
    files: ['electron/engine/**/*.ts', 'shared/**/*.ts', 'electron/cli/**/*.ts', 'electron/host/**/*.ts', 'electron/bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine, shared code, CLI, engine host and bridge never import electron: the platform is passed in.' }, remote],
          patterns: [{ group: ['electron/*'], message: 'No Electron outside electron/main and electron/preload.' }],
        },
      ],
    },
  },
  // the engine's inner layers
  ...engineLayerRules,
  engineKernelRule,
  // the renderer talks only to the typed API: no Node, no Electron
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // the classic hook rules; the React Compiler's extra rules (set-state-in-effect, refs, …)
      // only matter with the compiler, which Folio does not use
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to the typed API (renderer/src/api).' },
            remote,
            ...nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins in the renderer: it runs sandboxed in a browser.' })),
          ],
          patterns: [{ group: ['electron/*', 'node:*'], message: 'No Node or Electron modules in the renderer.' }],
        },
      ],
    },
  },
  // CommonJS launchers
  {
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // tests may use non-null assertions and loose types for fixtures
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
