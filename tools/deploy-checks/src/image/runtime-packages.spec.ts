import { join } from 'node:path';
import { bundleInputsOf, productionInstall } from './runtime-packages';
import { REPO_ROOT, serviceApps } from './workspace';

describe(bundleInputsOf.name, () => {
  const installed = productionInstall();

  it.each(serviceApps())(
    '%s needs only packages the runtime image installs (npm ci --omit=dev)',
    (app) => {
      const needed = bundleInputsOf(join(REPO_ROOT, 'apps', app, 'src/main.ts')).packages;
      expect(needed.size).toBeGreaterThan(5);
      const missing = [...needed].filter(([name]) => !installed.has(name));
      expect(missing).toEqual([]); // [package, first file that requires it]
    },
  );

  it('finds what a bundle requires, including compiler helpers, and skips type-only imports', () => {
    const needed = bundleInputsOf(join(REPO_ROOT, 'apps/gateway/src/main.ts')).packages;
    expect(needed.has('@nestjs/core')).toBe(true);
    expect(needed.has('tslib')).toBe(true); // importHelpers: decorators compile to tslib calls
    expect(needed.has('node:http')).toBe(false);
    expect([...needed.keys()].some((name) => name.startsWith('@agentbus/'))).toBe(false);
  });

  it('tells a dev-only package from an installed one', () => {
    expect(installed.has('@nestjs/core')).toBe(true);
    expect(installed.has('jest')).toBe(false);
    expect(installed.has('@nx/webpack')).toBe(false);
  });
});
