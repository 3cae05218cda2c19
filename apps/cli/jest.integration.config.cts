// Runs against the real NATS and Postgres (NATS_URL, DATABASE_URL): the dlq commands.
module.exports = {
  displayName: 'cli:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
