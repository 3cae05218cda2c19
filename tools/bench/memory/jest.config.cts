// The bench's own helpers (the hedged query it compares); the figures are printed by `npm run bench:memory`.
module.exports = {
  displayName: 'bench-memory',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
};
