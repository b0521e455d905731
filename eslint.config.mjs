// ESLint over src, test, bench and scripts: typescript-eslint's recommended rules, a boundary
// that keeps the scoring engine pure (no Office, files, DOM or other layers of the product), and
// the layers of src (docs/decisions.md, "Layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'stream', 'zlib', 'process'];

/** What src/engine may not import: the product's other layers, Node, workbook and Office libraries. */
const engineBoundary = (parent) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...NODE_BUILTINS, 'exceljs', 'jszip', 'fflate', '@microsoft/office-js'].map((name) => ({
        name,
        message: 'src/engine is pure: plain values in, plain values out. Read and write files in an adapter.',
      })),
      patterns: [
        { group: ['node:*'], message: 'src/engine is pure: no Node modules.' },
        { group: [`${parent}*`], message: 'src/engine imports nothing from outside src/engine.' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['document', 'window', 'Office', 'Excel', 'process', 'require'].map((name) => ({
      name,
      message: 'src/engine knows nothing of Office, the DOM or the process.',
    })),
  ],
});

/**
 * The layers of src besides the engine, each with the layers it may import; a layer not named is
 * refused. The engine only through its index (`../engine`), never a path inside it. Nothing
 * imports the command line. The pipeline does not import xlsx: xlsx scores files through the
 * pipeline, and the Office.js adapter, which uses the pipeline, must not carry the file reader.
 * No layer needs a path inside the engine: the lazily loaded mathjs parser goes through the index
 * too, as webpack swaps mathParser for mathParser.browser wherever it is imported from.
 */
const LAYERS = {
  i18n: ['engine'],
  layout: ['engine', 'i18n'],
  pipeline: ['engine', 'i18n', 'layout'],
  xlsx: ['engine', 'i18n', 'layout', 'pipeline'],
  excel: ['engine', 'i18n', 'layout', 'pipeline'],
  functions: ['engine', 'i18n'],
  addin: ['engine', 'i18n', 'pipeline', 'excel'],
  commands: ['engine', 'i18n', 'excel', 'addin'],
  taskpane: ['engine', 'i18n', 'pipeline', 'xlsx', 'excel', 'addin', 'commands'],
  cli: ['engine', 'i18n', 'pipeline', 'xlsx'],
};

/** The boundary of `layer` for its files `depth` folders below it, whose way up to src is `parent`. */
const layerBoundary = (layer, parent) => {
  const refused = Object.keys(LAYERS).filter((other) => other !== layer && !LAYERS[layer].includes(other));
  const may = LAYERS[layer].map((l) => `src/${l}`).join(', ');
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...refused.map((other) => ({ group: [`${parent}${other}`, `${parent}${other}/**`], message: `src/${layer} may import ${may} only (docs/decisions.md, "Layers").` })),
          { group: [`${parent}engine/**`], message: `Import the engine through its index, '${parent}engine'; export from src/engine/index.ts what is missing.` },
        ],
      },
    ],
  };
};

const layerRules = Object.keys(LAYERS).flatMap((layer) =>
  ['', '../', '../../'].map((up) => ({ files: [`src/${layer}/${up.replace(/\.\.\//g, '*/')}*.ts`], rules: layerBoundary(layer, `../${up}`) })),
);

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'coverage/', 'seeds/', 'assets/', 'docs/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // TypeScript checks names; the core rule does not know DOM, Node or Office.js globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The build scripts and webpack's config are CommonJS without type declarations; tests load them as they are.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['/scripts/', '/webpack\\.config\\.js$'] }] } },
  // The recording fake hands out accessor objects and proxies that write through to their sheet or range.
  { files: ['test/fake-excel.ts'], rules: { '@typescript-eslint/no-this-alias': 'off' } },
  // custom-functions-metadata reads a parameter typed `any` as Excel's "any" type; `unknown` it cannot read.
  { files: ['src/functions/functions.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  ...layerRules,
  { files: ['src/engine/*.ts'], rules: engineBoundary('../') },
  { files: ['src/engine/*/*.ts'], rules: engineBoundary('../../') },
  // The one place the engine loads a module on demand: mathjs's parser, on a plan's first formula
  // (webpack swaps in mathParser.browser.ts, which uses import()). It reads nothing of the process.
  {
    files: ['src/engine/mathParser.ts'],
    rules: { 'no-restricted-globals': ['error', ...['document', 'window', 'Office', 'Excel', 'process'].map((name) => ({ name, message: 'src/engine knows nothing of Office, the DOM or the process.' }))], '@typescript-eslint/no-require-imports': 'off' },
  },
);
