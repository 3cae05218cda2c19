// The prompt bench on one project (the demo), so a prompt that loses a required section fails the
// suite; the figures themselves are printed by `npm run bench:prompts`.
module.exports = {
  displayName: 'bench-prompts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
};
