import { randomBytes } from 'node:crypto';

/** A random lower-case identifier `t_<12 hex>`: valid as a Postgres schema, NATS token and stream prefix. */
export const randomTestName = (): string => `t_${randomBytes(6).toString('hex')}`;
