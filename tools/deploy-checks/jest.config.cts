// Offline checks of what ships for operators: images, kustomize overlays, Helm charts, dashboards,
// alert rules, CI workflows and the AsyncAPI document. No cluster, Helm or Docker engine is needed.
module.exports = {
  displayName: 'deploy-checks',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
