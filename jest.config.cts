// One jest run for the whole repo: every project's jest.config.cts (unit) and
// jest.integration.config.cts (integration, real services) under apps/, libs/ and tools/, found on disk at
// load time so a new project joins by existing. Used by tools/scripts/test-all.sh (`npm test`).
const fs = require('node:fs');
const path = require('node:path');

// AGENTBUS_JEST_PHASE splits the run as `npm test` does it: `parallel` (unit and integration suites,
// each in a namespace of its own, safe to run side by side) and `serial` (end-to-end suites that start
// whole stacks, kill servers or measure under load: one at a time). Unset: every suite.
const PHASES: Record<string, string[]> = {
  parallel: ['jest.config.cts', 'jest.integration.config.cts'],
  serial: ['jest.e2e.config.cts'],
};
const phase = process.env['AGENTBUS_JEST_PHASE'];
if (phase !== undefined && !(phase in PHASES)) {
  throw new Error(
    `AGENTBUS_JEST_PHASE must be one of ${Object.keys(PHASES).join(', ')}, got ${phase}`,
  );
}
const CONFIG_NAMES = new Set(
  phase === undefined ? Object.values(PHASES).flat() : (PHASES[phase] as string[]),
);
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'src', 'tmp']);

const findConfigs = (dir: string, depth = 0): string[] => {
  if (depth > 5 || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry: { name: string; isFile(): boolean; isDirectory(): boolean }) => {
      const full = path.join(dir, entry.name);
      if (entry.isFile() && CONFIG_NAMES.has(entry.name)) return [full];
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) {
        return findConfigs(full, depth + 1);
      }
      return [];
    });
};

module.exports = {
  projects: ['apps', 'libs', 'tools']
    .flatMap((top) => findConfigs(path.join(__dirname, top)))
    .sort(),
};
