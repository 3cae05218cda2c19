import {
  type INestApplication,
  type ModuleMetadata,
  type NestApplicationOptions,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type AddressInfo } from 'node:net';

/** A Nest app listening on a free port of 127.0.0.1. */
export interface TestApp {
  readonly app: INestApplication;
  url(path: string): string;
  close(): Promise<void>;
}

/** Boots `metadata` as a real HTTP app on port 0; `prepare` runs before it listens. */
export async function startTestApp(
  metadata: ModuleMetadata,
  options: NestApplicationOptions = { logger: false },
  prepare: (app: INestApplication) => void = () => undefined,
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule(metadata).setLogger(silent).compile();
  const app = moduleRef.createNestApplication(options);
  prepare(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: (path) => `http://127.0.0.1:${port}${path}`, close: () => app.close() };
}

const noop = (): void => undefined;
const silent = { log: noop, error: noop, warn: noop, debug: noop, verbose: noop, fatal: noop };
