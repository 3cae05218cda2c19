import { type DataSource } from 'typeorm';
import { type Pool, type PoolClient, type QueryResult } from 'pg';
import { inlineParams } from './sql-literal';

/** One SQL statement with its `$n` parameters. */
export interface SqlStatement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/**
 * What a transaction body sees. Reads answer at once; writes whose answer nobody needs are
 * {@link SqlTx.defer}red and travel with the next read or the commit, so a handler's transaction
 * costs two or three round trips to Postgres instead of one per statement.
 */
export interface SqlTx {
  /** Runs the deferred writes, then `sql`; resolves to its rows (TypeORM's shape: `[rows, count]` for UPDATE/DELETE). */
  query<T = unknown[]>(sql: string, params?: readonly unknown[]): Promise<T>;
  /** Runs the deferred writes, then every statement, in one round trip; the rows of each. */
  queryAll(statements: readonly SqlStatement[]): Promise<Record<string, unknown>[][]>;
  /** Queues a write for the next round trip; its failure fails that round trip (and the transaction). */
  defer(sql: string, params?: readonly unknown[]): void;
}

/** node-postgres' pool behind a TypeORM Postgres DataSource (search_path and settings included). */
export function poolOf(dataSource: DataSource): Pool {
  // TypeORM types the driver's pool as `any`; it is the pg.Pool it created from our options.
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error('the DataSource has no Postgres pool: is it initialized?');
  return pool;
}

/**
 * A READ COMMITTED transaction on one pooled connection, speaking the simple query protocol with
 * the parameters inlined as literals ({@link inlineParams}) so several statements share a round
 * trip: BEGIN rides with the first statement and COMMIT with the last writes.
 */
export class PipelinedTx implements SqlTx {
  private pending: string[] = ['BEGIN'];
  private checks: { at: number; check: (rows: Record<string, unknown>[]) => void }[] = [];
  private failed: { error: unknown } | undefined;
  /** A round trip carrying BEGIN went out: a failure must be rolled back. */
  begun = false;

  constructor(private readonly client: PoolClient) {}

  /**
   * Like {@link defer}, but `check` sees the statement's rows once its round trip returns, before
   * anything commits; if it throws, that error fails the round trip and every later call, so a body
   * that swallows it still cannot commit.
   */
  deferChecked(
    sql: string,
    params: readonly unknown[],
    check: (rows: Record<string, unknown>[]) => void,
  ): void {
    this.checks.push({ at: this.pending.length, check });
    this.pending.push(inlineParams(sql, params));
  }

  async query<T = unknown[]>(sql: string, params: readonly unknown[] = []): Promise<T> {
    const [result] = await this.send([inlineParams(sql, params)]);
    return typeormShape(result) as T;
  }

  async queryAll(statements: readonly SqlStatement[]): Promise<Record<string, unknown>[][]> {
    const results = await this.send(statements.map((s) => inlineParams(s.sql, s.params)));
    return results.map((result) => result?.rows ?? []);
  }

  defer(sql: string, params: readonly unknown[] = []): void {
    this.pending.push(inlineParams(sql, params));
  }

  /** Sends the deferred writes with COMMIT; nothing at all if the body never touched the database. */
  async commit(): Promise<void> {
    if (this.failed) throw this.failed.error;
    if (!this.begun && this.pending.length === 1) return;
    if (this.checks.length > 0) await this.send([]); // checks decide before anything commits
    await this.send(['COMMIT']);
  }

  async rollback(): Promise<void> {
    if (this.begun) await this.client.query('ROLLBACK');
  }

  // The results of `statements` (the deferred ones before them are dropped).
  private async send(statements: readonly string[]): Promise<(QueryResult | undefined)[]> {
    if (this.failed) throw this.failed.error;
    const leading = this.pending.length;
    const checks = this.checks;
    const text = [...this.pending, ...statements].join(';\n');
    this.pending = [];
    this.checks = [];
    this.begun = true;
    try {
      // One statement gives one result; several give an array (pg's simple query protocol).
      const raw = (await this.client.query(text)) as QueryResult | QueryResult[];
      const results = Array.isArray(raw) ? raw : [raw];
      for (const { at, check } of checks) check(results[at]?.rows ?? []);
      return results.slice(leading);
    } catch (error) {
      this.failed = { error };
      throw error;
    }
  }
}

function typeormShape(result: QueryResult | undefined): unknown {
  if (!result) return [];
  if (result.command === 'UPDATE' || result.command === 'DELETE') {
    return [result.rows, result.rowCount];
  }
  return result.rows;
}

/**
 * Runs `work` in a {@link PipelinedTx} and commits; rolls back on any error (a connection that
 * cannot even roll back is discarded, not returned to the pool).
 */
export async function inPipelinedTransaction<T>(
  dataSource: DataSource,
  work: (tx: PipelinedTx) => Promise<T>,
): Promise<T> {
  const client = await poolOf(dataSource).connect();
  const tx = new PipelinedTx(client);
  let broken: Error | undefined;
  // A connection that dies while checked out emits 'error' (its query rejects too); without a
  // listener that event would crash the process.
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback().catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/**
 * Runs read statements in one round trip on a pooled connection, outside any explicit transaction
 * (Postgres runs a multi-statement query as one implicit transaction); the rows of each.
 */
export async function queryAll(
  dataSource: DataSource,
  statements: readonly SqlStatement[],
): Promise<Record<string, unknown>[][]> {
  if (statements.length === 0) return [];
  const text = statements.map((s) => inlineParams(s.sql, s.params)).join(';\n');
  const raw = (await poolOf(dataSource).query(text)) as QueryResult | QueryResult[];
  return (Array.isArray(raw) ? raw : [raw]).map((result) => result.rows);
}
