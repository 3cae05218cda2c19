// Unit specs of the console's client-side logic (pure modules: no DOM needed). TSX goes through swc
// with Preact's automatic JSX runtime, so a spec may import a module that also renders.
module.exports = {
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic', importSource: 'preact' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(marked|preact)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
};
