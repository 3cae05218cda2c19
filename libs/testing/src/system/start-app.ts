import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AppName } from '@agentbus/contracts';
import { freePort } from '../free-port';
import { startProcess, type ProcessHandle } from '../process';
import { chromaUrl, natsUrl, postgresUrl } from '../services';

const ROOT = join(__dirname, '../../../..');

/** Path of an app's built entry point; fails with the command to run when it is missing. */
export function builtApp(app: AppName): string {
  const main = join(ROOT, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: run \`npx nx run-many -t build\` first`);
  }
  return main;
}

/** A started app with its base URL. */
export interface RunningApp {
  readonly app: AppName;
  readonly url: string;
  readonly process: ProcessHandle;
}

/**
 * Starts a built app as a process in the given namespace, on a free port. With
 * `AGENTBUS_CPU_PROF_DIR` set, each app writes a V8 CPU profile there when it exits (benchmarks).
 */
export async function startApp(
  app: AppName,
  namespace: string,
  env: Record<string, string | undefined> = {},
): Promise<RunningApp> {
  const port = await freePort();
  const process = startProcess({
    name: app,
    command: 'node',
    args: [...cpuProfileArgs(app), builtApp(app)],
    cwd: ROOT,
    env: {
      // Resolved only when the caller does not wire the app to servers of its own (chaos runs).
      NATS_URL: env['NATS_URL'] ?? (await natsUrl()),
      DATABASE_URL: env['DATABASE_URL'] ?? (await postgresUrl()),
      CHROMA_URL: env['CHROMA_URL'] ?? (await chromaUrl()),
      BUS_NAMESPACE: namespace,
      DATABASE_SCHEMA: `${namespace}_${app.replace(/-/g, '_')}`,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  return { app, url: `http://127.0.0.1:${port}`, process };
}

function cpuProfileArgs(app: AppName): string[] {
  const dir = process.env['AGENTBUS_CPU_PROF_DIR'];
  return dir
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${app}.${Date.now()}.cpuprofile`]
    : [];
}
