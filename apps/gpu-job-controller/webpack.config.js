const CopyPlugin = require('copy-webpack-plugin');
const config = require('../../tools/webpack/app-config')(__dirname);

// The bundled CPU benchmark (GPU_BACKEND=local) runs as its own process: shipped beside main.js.
config.plugins.push(
  new CopyPlugin({ patterns: [{ from: 'src/benchmark/feasibility-benchmark.js', to: '.' }] }),
);
module.exports = config;
