// The chaos suite's small run, part of `npm test`: the built apps on a private NATS and Postgres.
module.exports = {
  displayName: 'chaos',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  testTimeout: 600_000,
  setupFilesAfterEnv: ['<rootDir>/../jest/integration-setup.js'],
};
