import { randomUUID } from 'node:crypto';
import { defineConfig } from '@agentbus/config';
import { deleteNamespaceStreams, natsUrl, postgresUrl, testNamespace } from '@agentbus/testing';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { serviceEnv, ServiceCoreModule } from '../../src';
import { InboxOutboxRetention } from '../../src/inbox-outbox.retention';

@Module({})
class EmptyModule {}

describe(InboxOutboxRetention.name, () => {
  const namespace = testNamespace();
  const schema = `${namespace}_retention`;
  let app: INestApplication;
  let db: DataSource;

  beforeAll(async () => {
    const config = defineConfig(serviceEnv(0)).load({
      NATS_URL: await natsUrl(),
      DATABASE_URL: await postgresUrl(),
      DATABASE_SCHEMA: schema,
      BUS_NAMESPACE: namespace,
      LOG_LEVEL: 'silent',
    });
    app = await NestFactory.create(
      {
        module: EmptyModule,
        imports: [ServiceCoreModule.forRoot({ app: 'skills-registry', config, schema })],
      },
      { logger: false },
    );
    await app.init();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await app.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  it('every service prunes old sent outbox rows and old inbox rows, and keeps the rest', async () => {
    const outbox = (sentDaysAgo: number | null) =>
      db.query(
        `INSERT INTO ${schema}.outbox (id, subject, envelope, sent_at)
         VALUES ($1, 'x', '{}', CASE WHEN $2::int IS NULL THEN NULL ELSE now() - make_interval(days => $2::int) END)`,
        [randomUUID(), sentDaysAgo],
      );
    const inbox = (daysAgo: number) =>
      db.query(
        `INSERT INTO ${schema}.inbox (consumer, message_id, processed_at)
         VALUES ('c', $1, now() - make_interval(days => $2::int))`,
        [randomUUID(), daysAgo],
      );
    await outbox(30); // sent a month ago: goes
    await outbox(1); // sent yesterday: stays
    await outbox(null); // never sent: never pruned, however old
    await db.query(
      `UPDATE ${schema}.outbox SET created_at = now() - interval '90 days' WHERE sent_at IS NULL`,
    );
    await inbox(90); // beyond any redelivery or replay: goes
    await inbox(2); // may still be redelivered: stays

    expect(await app.get(InboxOutboxRetention).prune()).toEqual({ outbox: 1, inbox: 1 });
    const left = await db.query(
      `SELECT (SELECT count(*) FROM ${schema}.outbox)::int AS outbox,
              (SELECT count(*) FROM ${schema}.inbox)::int AS inbox`,
    );
    expect(left[0]).toEqual({ outbox: 2, inbox: 1 });
  });
});
