// Black-box tests: the built apps run as processes against the real NATS, Postgres and Chroma.
module.exports = {
  displayName: 'system-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 90_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
