// ESLint over src, test, bench and scripts: typescript-eslint's recommended rules, and a boundary
// that keeps the scoring engine pure (no Office, files, DOM or other layers of the product).
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
  { files: ['src/engine/*.ts'], rules: engineBoundary('../') },
  { files: ['src/engine/*/*.ts'], rules: engineBoundary('../../') },
  // The one place the engine loads a module on demand: mathjs's parser, on a plan's first formula
  // (webpack swaps in mathParser.browser.ts, which uses import()). It reads nothing of the process.
  {
    files: ['src/engine/mathParser.ts'],
    rules: { 'no-restricted-globals': ['error', ...['document', 'window', 'Office', 'Excel', 'process'].map((name) => ({ name, message: 'src/engine knows nothing of Office, the DOM or the process.' }))], '@typescript-eslint/no-require-imports': 'off' },
  },
);
