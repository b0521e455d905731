/* Builds the add-in: the task pane (with file mode and the ribbon command), the GOALSCORE functions and their metadata, the help page and the manifest. */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { NormalModuleReplacementPlugin } = require('webpack');

/**
 * The pages' Content-Security-Policy, one for both, written first in each page's <head> (a policy
 * governs only what follows it): no inline script and no eval; scripts only from here and Office's
 * CDN. Styles may be inline because Office.js sets them itself (excel-web-16.00.js).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://appsforoffice.microsoft.com",
  // The consolidation's worker, from the add-in's own origin only (no blob: or data: workers).
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { DEV_URL, manifestForBase } = require('./scripts/manifest-url');
const { withTokens } = require('./scripts/fluent-tokens');
const { danishWords, withWords } = require('./scripts/pane-words');
const { httpsOptions } = require('./scripts/dev-certs');
const { helpPages } = require('./scripts/help-pages');

/**
 * Excel on the web reads the functions' metadata (functions.json) with a cross-origin request from
 * its own pages, so that one file answers Office's origins by name; nothing else may be read from
 * another origin (no `Access-Control-Allow-Origin: *`).
 */
const OFFICE_ORIGIN = /^https:\/\/[a-z0-9-]+\.(officeapps\.live\.com|cloud\.microsoft)$/;

function devServerHeaders(req) {
  if (req.url.split('?')[0] !== '/functions.json') return {};
  const origin = req.headers.origin || '';
  return OFFICE_ORIGIN.test(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };
}

/** Writes the pane's Danish words into taskpane.html as built (see scripts/pane-words.js). */
class PaneWords {
  apply(compiler) {
    compiler.hooks.compilation.tap('PaneWords', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap('PaneWords', (data) => {
        if (data.outputName === 'taskpane.html') data.html = withWords(data.html, danishWords());
        return data;
      });
    });
  }
}

/**
 * mathjs's parser alone for the command line, tree-shaken: mathjs's main entry builds every function
 * it has when loaded (about 0.7 s); this loads in about 0.14 s, and only on a plan's first formula.
 */
const mathParseForNode = (dev) => ({
  name: 'mathjs-parse',
  mode: dev ? 'development' : 'production',
  target: 'node',
  entry: './src/engine/mathParse.lean.ts',
  output: { path: path.resolve(__dirname, 'dist/engine'), filename: 'mathjs-parse.js', library: { type: 'commonjs2' } },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } } }] },
  optimization: { minimize: !dev },
  performance: { hints: false },
});

/**
 * The command line as one file (dist/cli/goalscore.js, which bin/goalscore.js runs): Node then reads,
 * resolves and compiles one module where it did about ninety, and its compile cache keeps one entry.
 * What a run may not need stays out of it: the PDF printer is a chunk of its own (loaded only with
 * --pdf), and mathjs's parser is the lean build above, required from dist/engine on a plan's first formula.
 */
const cliForNode = (dev) => ({
  name: 'cli',
  mode: dev ? 'development' : 'production',
  target: 'node22',
  entry: './src/cli/main.ts',
  output: {
    path: path.resolve(__dirname, 'dist/cli'),
    filename: 'goalscore.js',
    chunkFilename: 'goalscore.[name].js',
    library: { type: 'commonjs2' },
  },
  // __dirname is the bundle's folder at run time (main.ts finds package.json from it), not the source's.
  node: { __dirname: false, __filename: false },
  resolve: {
    extensions: ['.ts', '.js'],
    // fflate's Node build loads worker_threads when it loads, for workers the command line never
    // starts (it inflates in the main thread and deflates with zlib); its browser build does not.
    alias: { fflate$: path.resolve(__dirname, 'node_modules/fflate/esm/browser.js') },
  },
  module: {
    // mathParser.ts marks its requires of the lean parser `webpackIgnore`: Node resolves them when a formula comes.
    parser: { javascript: { commonjsMagicComments: true } },
    rules: [
      // ES modules, so webpack joins the modules into one scope and leaves out what the command line never calls.
      { test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { configFile: 'tsconfig.build.json', transpileOnly: true, compilerOptions: { module: 'es2022', moduleResolution: 'bundler' } } } },
      { test: /[\\/]src[\\/]engine[\\/]/, sideEffects: false },
    ],
  },
  devtool: 'source-map',
  optimization: { minimize: false },
  performance: { hints: false },
});

/** `npm run build --silent` prints only errors; a plain build a line a bundle. */
const stats = process.env.npm_config_loglevel === 'silent' ? 'errors-only' : 'minimal';

module.exports = async (env, options) => [await addin(env, options), mathParseForNode(options.mode === 'development'), cliForNode(options.mode === 'development')].map((config) => ({ ...config, stats }));

async function addin(env, options) {
  const dev = options.mode === 'development';
  // Production: ADDIN_BASE_URL=https://addins.example.dk/goalscore/ npm run build
  const baseUrl = dev ? DEV_URL : process.env.ADDIN_BASE_URL || DEV_URL;
  return {
    mode: dev ? 'development' : 'production',
    devtool: 'source-map',
    entry: {
      // The manifest names functions.js; the task pane page loads it too (one shared runtime).
      functions: './src/functions/functions.ts',
      taskpane: { import: './src/taskpane/taskpane.ts', dependOn: 'functions' },
    },
    output: {
      path: path.resolve(__dirname, 'dist/addin'),
      filename: (chunk) => (chunk.chunk.name === 'functions' ? 'functions.js' : '[name].[contenthash:8].js'),
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
        },
        // The engine does nothing on load (lint keeps it pure), so a bundle takes from its index only
        // the modules it uses: the functions stay small, and what the pane loads later stays in its chunks.
        { test: /[\\/]src[\\/]engine[\\/]/, sideEffects: false },
      ],
    },
    performance: { hints: false },
    plugins: [
      // The zip writer deflates with Node's zlib on the command line and with fflate in the pane.
      new NormalModuleReplacementPlugin(/^\.\/deflate$/, './deflate.browser'),
      // mathjs's parser is fetched as a chunk of its own when a plan has a formula.
      new NormalModuleReplacementPlugin(/(^|\/)mathParser$/, (resource) => {
        resource.request = resource.request.replace(/mathParser$/, 'mathParser.browser');
      }),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['functions', 'taskpane'], chunksSortMode: 'manual', scriptLoading: 'defer', inject: false, csp: CSP }),
      new PaneWords(),
      // A help page a language pack, each linking to the others (scripts/help-pages.js).
      ...helpPages().map((page) => new HtmlWebpackPlugin({ filename: page.filename, template: page.template, chunks: [], csp: CSP, page })),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css', transform: (content) => withTokens(content.toString()) },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestForBase(content.toString(), baseUrl) },
        ],
      }),
    ],
    // Only this machine reaches it, only Excel may read across origins, and folders are not listed.
    devServer: {
      host: 'localhost',
      headers: devServerHeaders,
      static: { directory: path.resolve(__dirname, 'dist/addin'), serveIndex: false },
      // A trusted localhost certificate, made the first time (scripts/dev-certs.js).
      server: { type: 'https', options: env.WEBPACK_BUILD ? {} : await httpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
}
