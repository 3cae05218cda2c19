// Runs against the real Postgres (DATABASE_URL) and NATS (NATS_URL); each file owns a random schema.
module.exports = {
  displayName: 'persistence:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
};
