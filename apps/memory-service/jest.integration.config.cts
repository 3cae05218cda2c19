// Runs against the real Postgres, NATS and Chroma (DATABASE_URL, NATS_URL, CHROMA_URL), each file
// in its own schema, namespace and collection prefix; the restart test runs a Chroma of its own.
module.exports = {
  displayName: 'memory-service:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 90_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
