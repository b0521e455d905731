/* Browser bundle of the shared pipeline; the add-in's task pane and commands build on it. */
const path = require('path');

module.exports = (env, options) => ({
  mode: options.mode || 'development',
  devtool: 'source-map',
  entry: { goalscore: './src/pipeline/index.ts' },
  output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].js', library: { name: 'goalscore', type: 'umd' }, clean: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true } } }] },
});
