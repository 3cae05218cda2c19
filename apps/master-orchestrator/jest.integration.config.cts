// Runs against the real Postgres and NATS (DATABASE_URL, NATS_URL).
module.exports = {
  displayName: 'master-orchestrator:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
