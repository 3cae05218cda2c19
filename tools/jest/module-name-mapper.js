// Maps the tsconfig path aliases (@agentbus/*) for jest, read from tsconfig.base.json so there is one list.
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

module.exports = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, '..', '..', target),
  ]),
);
