import { poolOf } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { HttpProblemError } from '../http/problem/problem.errors';
import { ReadModelTables } from '../read-model/read-model.tables';
import { Admission } from './admission';

/** 503: the system is at its limit of active projects; the client should come back later. */
export class OverloadedError extends HttpProblemError {
  constructor(active: number, limit: number, retryAfterS: number) {
    super(
      503,
      'overloaded',
      `Agent Bus is working on ${active} projects, its limit; nothing was created. ` +
        `Retry after ${retryAfterS} s (same Idempotency-Key), or ask an operator to add workers ` +
        'or raise GATEWAY_MAX_ACTIVE_PROJECTS.',
      { activeProjects: active, limit },
      { 'Retry-After': String(retryAfterS) },
    );
    this.name = 'OverloadedError';
  }
}

/** The gateway's admission control over {@link Admission}, counting from the shared database. */
@Injectable()
export class AdmissionService {
  private readonly admission: Admission;
  private readonly refused: Counter<'reason'>;

  constructor(
    @Inject(DataSource) db: DataSource,
    tables: ReadModelTables,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    registry: Registry,
  ) {
    // Queued or running projects, plus submissions the orchestrator has not created yet (a day
    // back: older ones would have been created or dead-lettered long ago).
    const sql = `SELECT (SELECT count(*) FROM ${tables.projects} WHERE state IN ('queued', 'running'))
        + (SELECT count(*) FROM submissions s WHERE s.created_at > now() - interval '1 day'
           AND NOT EXISTS (SELECT 1 FROM ${tables.projects} p WHERE p.id = s.id)) AS n`;
    this.admission = new Admission(
      async () => Number((await poolOf(db).query<{ n: string }>(sql)).rows[0]?.n ?? 0),
      { maxActive: config.GATEWAY_MAX_ACTIVE_PROJECTS, refreshMs: 250 },
    );
    this.refused = new Counter({
      name: 'agent_bus_gateway_submissions_refused_total',
      help: 'Project submissions refused before anything was created, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  /** Counts one submission in, or throws {@link OverloadedError} (503 with Retry-After). */
  async admit(): Promise<void> {
    const refusal = await this.admission.admit();
    if (refusal === undefined) return;
    this.refused.inc({ reason: 'overloaded' });
    throw new OverloadedError(
      refusal.active,
      refusal.limit,
      this.config.GATEWAY_OVERLOAD_RETRY_AFTER_S,
    );
  }

  /** The admitted submission rolled back. */
  release(): void {
    this.admission.release();
  }
}
