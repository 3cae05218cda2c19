// Runs against the real Postgres and NATS (DATABASE_URL, NATS_URL), each file in its own namespace;
// the Kubernetes API is a local fake that speaks its wire format (test/support/fake-kube-api.ts).
module.exports = {
  displayName: 'gpu-job-controller:integration',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
