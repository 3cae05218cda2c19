import { ConfigError, defineConfig } from '@agentbus/config';
import { serviceEnv } from './service-env';

describe(serviceEnv.name, () => {
  const sut = defineConfig(serviceEnv(3005));

  it('gives a runnable local default for every variable', () => {
    expect(sut.load({})).toMatchObject({
      NATS_URL: 'nats://127.0.0.1:4222',
      BUS_NAMESPACE: '',
      BUS_PROVISION: true,
      BUS_STREAM_REPLICAS: 1,
      MIGRATIONS_RUN: true,
      HTTP_PORT: 3005,
      LOG_LEVEL: 'info',
    });
    expect(sut.load({}).OTEL_TRACES_EXPORTER).toBeUndefined();
    // Unset: each service keeps its own default for published outbox rows.
    expect(sut.load({}).OUTBOX_SENT_ROWS).toBeUndefined();
  });

  it('takes keep or delete for published outbox rows, nothing else', () => {
    expect(sut.load({ OUTBOX_SENT_ROWS: 'delete' }).OUTBOX_SENT_ROWS).toBe('delete');
    expect(sut.load({ OUTBOX_SENT_ROWS: 'keep' }).OUTBOX_SENT_ROWS).toBe('keep');
    expect(() => sut.load({ OUTBOX_SENT_ROWS: 'drop' })).toThrow(/OUTBOX_SENT_ROWS/);
  });

  it('names each bad variable and hides the database URL', () => {
    const attempt = () =>
      sut.load({
        HTTP_PORT: '99999',
        BUS_NAMESPACE: 'Has-Caps',
        DATABASE_URL: 'not-a-url-with-secret',
        MIGRATIONS_RUN: 'maybe',
        BUS_STREAM_REPLICAS: '0',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/HTTP_PORT[\s\S]*BUS_NAMESPACE|BUS_NAMESPACE[\s\S]*HTTP_PORT/);
    expect(attempt).toThrow(/MIGRATIONS_RUN/);
    expect(attempt).toThrow(/BUS_STREAM_REPLICAS/);
    expect(attempt).not.toThrow(/secret/);
  });
});
