import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

// The layers of src/ (docs/architecture.md): each folder and the folders it may import, lowest first.
// Everything not listed is forbidden, so a lower layer importing a higher one, a cycle between folders,
// Node-only code reaching the page, and src/ importing tests/ all fail the lint.
const LAYERS = {
  base: [],
  trace: ['base'],
  scenario: ['base', 'trace'],
  sim: ['base', 'trace', 'scenario'],
  analysis: ['base', 'trace', 'scenario', 'sim'],
  lessons: ['base', 'trace', 'scenario', 'sim', 'analysis'],
  live: ['base', 'trace'],
  realrun: ['base', 'trace', 'scenario', 'sim', 'analysis', 'live'],
  worker: ['base', 'trace', 'scenario', 'sim', 'analysis'],
  state: ['base', 'trace', 'scenario', 'sim', 'analysis', 'lessons', 'live', 'realrun', 'worker'],
  timeline: ['base', 'trace', 'analysis', 'state'],
  ui: [
    'base',
    'trace',
    'scenario',
    'sim',
    'analysis',
    'lessons',
    'live',
    'realrun',
    'worker',
    'state',
    'timeline',
  ],
  cli: ['base', 'trace', 'scenario', 'sim', 'analysis', 'realrun', 'devtools'],
  // Node-only: the aedes broker of `npm start` and the tests; browser and static-server helpers.
  'embedded-broker': ['base', 'trace', 'live'],
  devtools: ['base'],
};
/** src/main.tsx, the page's entry: anything the page may load. */
const ENTRY_MAY_IMPORT = LAYERS.ui.concat('ui');

const here = import.meta.dirname;
const unplaced = readdirSync(`${here}/src`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !(d.name in LAYERS))
  .map((d) => d.name);
if (unplaced.length > 0) {
  throw new Error(`eslint.config.js: place src/${unplaced.join(', src/')} in LAYERS (docs/architecture.md)`);
}

/** One zone per layer: the folders (and tests/) it must not import. */
function layerZones() {
  const all = Object.keys(LAYERS);
  const zone = (target, allowed, name) => ({
    target,
    from: [
      ...all.filter((f) => !allowed.includes(f) && `./src/${f}` !== target).map((f) => `./src/${f}`),
      './tests',
    ],
    message: `${name} may import only ${allowed.length > 0 ? allowed.map((f) => `src/${f}/`).join(', ') : 'nothing of the project'} (docs/architecture.md).`,
  });
  return [
    ...all.map((f) => zone(`./src/${f}`, LAYERS[f], `src/${f}/`)),
    zone('./src/main.tsx', ENTRY_MAY_IMPORT, 'src/main.tsx'),
  ];
}

export default tseslint.config(
  { ignores: ['.scratch/', 'dist', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Determinism: the pure packages never read the wall clock or Math.random.
    files: ['src/sim/**', 'src/trace/**', 'src/scenario/**', 'src/lessons/**', 'src/analysis/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG (src/sim/engine/random.ts).' },
        { object: 'Date', property: 'now', message: 'Simulated time only: no wall clock in pure packages.' },
        {
          object: 'performance',
          property: 'now',
          message: 'Simulated time only: no wall clock in pure packages.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'No wall clock in pure packages.' },
      ],
    },
  },
  {
    // The layering: no import up the layers or across to a sibling that is not listed, no cycle of files.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: here, zones: layerZones() }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
