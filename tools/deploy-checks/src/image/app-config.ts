import { join } from 'node:path';
import { REPO_ROOT } from './workspace';

/** The part of an app's `defineConfig` loader the deploy checks use. */
export interface AppConfigLoader {
  readonly shape: Readonly<Record<string, unknown>>;
  load(env: Record<string, string | undefined>): Readonly<Record<string, unknown>>;
}

const isLoader = (value: unknown): value is AppConfigLoader =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { load?: unknown }).load === 'function' &&
  typeof (value as { shape?: unknown }).shape === 'object';

/**
 * The loader an app parses its environment with (`apps/<app>/src/config.ts`), so deploy files are
 * checked against the same zod shape the service applies at start (STYLE §1.6). Loaded by path
 * at test time, like every other file these checks read; no app code is imported into a library.
 */
export async function appConfigOf(app: string): Promise<AppConfigLoader> {
  const module = (await import(join(REPO_ROOT, 'apps', app, 'src/config.ts'))) as Record<
    string,
    unknown
  >;
  const loaders = Object.values(module).filter(isLoader);
  if (loaders.length !== 1) {
    throw new Error(`apps/${app}/src/config.ts exports ${loaders.length} config loaders, not 1`);
  }
  return loaders[0] as AppConfigLoader;
}

/** Variables a service's process reads that are not in its config shape. */
const READ_OUTSIDE_CONFIG = ['NODE_OPTIONS', 'NODE_ENV', 'TMPDIR'];

/** Names in `env` that the app's config does not declare (typos, or settings of another app). */
export function unknownKeys(loader: AppConfigLoader, env: Record<string, unknown>): string[] {
  return Object.keys(env).filter(
    (key) => !(key in loader.shape) && !READ_OUTSIDE_CONFIG.includes(key),
  );
}
