// The console in a real browser (Debian's chromium through playwright-core) against the built stack
// (every app as a process, real NATS, Postgres and Chroma), served by the gateway at /console.
module.exports = {
  displayName: 'console-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/integration-setup.js'],
};
