import { randomBytes } from 'node:crypto';

/** `t_<12 hex>`: a fresh schema name or bus prefix per test file, so files never share state. */
export const randomTestName = (): string => `t_${randomBytes(6).toString('hex')}`;
