import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  type OutboxMessage,
  PersistenceHealth,
  PersistenceModule,
  type PersistenceModuleOptions,
  withOutbox,
} from '../../src';
import { Counter } from '../support/counter.entity';
import { CreateCounters1764000000100 } from '../support/create-counters.migration';
import { aCancelRequest } from '../support/envelopes';
import { eventually } from '../support/eventually';
import { randomTestName } from '../support/random-name';
import { RecordingLogger } from '../support/recording-logger';
import { databaseUrl } from '../support/services';
import { dropSchema, sql } from '../support/sql';

describe(PersistenceModule.name, () => {
  const schema = randomTestName();
  const published: OutboxMessage[] = [];
  const options = (
    overrides: Partial<PersistenceModuleOptions> = {},
  ): PersistenceModuleOptions => ({
    url: databaseUrl(),
    schema,
    entities: [Counter],
    migrations: [CreateCounters1764000000100],
    migrationsRun: true,
    relay: {
      publish: async (message) => void published.push(message),
      logger: new RecordingLogger(),
    },
    ...overrides,
  });

  afterAll(() => dropSchema(schema));

  it('migrates at start, serves health checks, relays the outbox, and closes in order', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot(options())],
    }).compile();
    const app = await moduleRef.init();
    const dataSource = app.get(DataSource);
    const health = app.get(PersistenceHealth);

    await expect(health.check()).resolves.toBeUndefined();
    expect(await dataSource.getRepository(Counter).count()).toBe(0); // migrated
    const envelope = aCancelRequest();
    await withOutbox(dataSource, (_tx, outbox) => outbox.add(envelope));
    await eventually(() => expect(published.map((m) => m.id)).toEqual([envelope.id]));

    await app.close();

    expect(dataSource.isInitialized).toBe(false);
    await expect(health.check()).rejects.toThrow(/postgres: not connected/);
    // The pool and the LISTEN connection are both gone (backends exit just after the socket closes).
    await eventually(async () =>
      expect(
        await sql('SELECT 1 FROM pg_stat_activity WHERE application_name LIKE $1', [
          `agentbus-${schema}%`,
        ]),
      ).toHaveLength(0),
    );
  });

  it('builds its options from other providers with forRootAsync', async () => {
    @Injectable()
    class AppConfig {
      readonly databaseUrl = databaseUrl();
    }
    @Module({ providers: [AppConfig], exports: [AppConfig] })
    class ConfigModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRootAsync({
          imports: [ConfigModule],
          inject: [AppConfig],
          useFactory: (config: AppConfig) => options({ url: config.databaseUrl }),
        }),
      ],
    }).compile();
    const app = await moduleRef.init();

    await expect(app.get(PersistenceHealth).check()).resolves.toBeUndefined();
    await app.close();
  });

  it('retries an unreachable Postgres for its window, then fails saying what to check', async () => {
    const unreachable = new URL(databaseUrl());
    unreachable.port = '1';
    const started = Date.now();

    const starting = Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot(options({ url: unreachable.toString(), connectRetryMs: 1_000 })),
      ],
    }).compile();

    await expect(starting).rejects.toThrow(/check the host and port in the URL/);
    // Tried more than once (250 + 500 ms of backoff) before giving up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('reports Postgres down when a health check does not answer within its timeout', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PersistenceModule.forRoot(options({ poolSize: 1 }))],
    }).compile();
    const app = await moduleRef.init();
    const dataSource = app.get(DataSource);
    // Hold the only pooled connection so SELECT 1 cannot run.
    const holding = dataSource.query('SELECT pg_sleep(2)');

    await expect(app.get(PersistenceHealth).check(200)).rejects.toThrow(
      /postgres is not ready: .*timed out after 200 ms/,
    );
    await holding;
    await app.close();
  });
});
