// Integration tier: real Postgres, NATS and Chroma (env URLs, else Testcontainers). See docs/testing.md.
module.exports = {
  displayName: 'testing:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  // Under the root multi-project run jest reads testTimeout only from the global config,
  // so the setup file applies the same 60 s per test file.
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
