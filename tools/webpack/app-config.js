// One webpack configuration for every app (ADR 0003): our libraries are bundled from their
// tsconfig paths, node_modules stay external, and ts-loader keeps Nest's decorator metadata.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('node:path');

// `plugin` adds NxAppWebpackPlugin options for one app (e.g. `assets` a service reads at run time).
module.exports = (appDir, plugin = {}) => ({
  output: { path: join(__dirname, '../../dist/apps', basename(appDir)), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      skipTypeChecking: true, // the typecheck target checks once, not per bundle
      sourceMap: true,
      ...plugin,
    }),
  ],
});
