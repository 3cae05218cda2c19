// The shipped skills travel beside main.js (dist/apps/skills-registry/skills), installed at start.
module.exports = require('../../tools/webpack/app-config')(__dirname, {
  assets: [{ input: 'apps/skills-registry/skills', glob: '**/*', output: 'skills' }],
});
