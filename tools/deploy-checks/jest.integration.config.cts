// Checks that need the running system: the six built apps (dist/apps, `nx run-many -t build`)
// against the real NATS, Postgres and Chroma (NATS_URL, DATABASE_URL, CHROMA_URL).
module.exports = {
  displayName: 'deploy-checks:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 90_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
