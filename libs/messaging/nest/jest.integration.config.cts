// Runs against the real NATS at NATS_URL (default nats://127.0.0.1:4222); each file uses its own namespace.
module.exports = {
  displayName: 'messaging-nest:integration',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
  testTimeout: 60_000,
};
