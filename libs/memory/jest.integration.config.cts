// Runs against the real Chroma (CHROMA_URL), each file on collections of its own.
module.exports = {
  displayName: 'memory:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
