// Runs against the real Postgres, NATS and Chroma (DATABASE_URL, NATS_URL, CHROMA_URL).
module.exports = {
  displayName: 'service-runtime:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
