// Runs against the real Postgres and NATS (DATABASE_URL, NATS_URL), each file in its own namespace.
module.exports = {
  displayName: 'skills-registry:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
