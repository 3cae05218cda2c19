import { randomUUID } from 'node:crypto';
import {
  ApprovalDecidedV1,
  type DataOf,
  type MessageDefinition,
  ProjectCancelRequestedV1,
  ProjectRestartRequestedV1,
  ProjectSubmittedV1,
  type StageId,
} from '@agentbus/contracts';
import { type Bus, connectBus, Publisher } from '@agentbus/messaging';
import { eventually, natsUrl, postgresUrl } from '@agentbus/testing';
import { Pool } from 'pg';

type Row = Record<string, unknown>;

/** Plays the gateway: publishes commands and reads the orchestrator's tables. */
export class TestClient {
  private constructor(
    private readonly bus: Bus,
    private readonly pg: Pool,
    private readonly schema: string,
  ) {}

  static async start(namespace: string, schema: string): Promise<TestClient> {
    const bus = await connectBus({ servers: await natsUrl(), name: 'test-client', namespace });
    const pg = new Pool({ connectionString: await postgresUrl(), max: 4 });
    return new TestClient(bus, pg, schema);
  }

  /** Submits a project; pass `projectId` to submit an existing one again (a new message id). */
  async submit(
    gates = { prd_approval: true, delivery_approval: false },
    projectId: string = randomUUID(),
    budget?: { maxTokens: number },
  ): Promise<string> {
    await this.publish(projectId, ProjectSubmittedV1, {
      projectId,
      name: `it ${projectId.slice(0, 8)}`,
      requirements: 'A todo app with offline sync.',
      options: budget ? { gates, budget } : { gates },
      submittedBy: 'integration-test',
    });
    return projectId;
  }

  /** Submits a project with any options of the contract (gate timeouts, budget, gates). */
  async submitWithOptions(options: DataOf<typeof ProjectSubmittedV1>['options']): Promise<string> {
    const projectId = randomUUID();
    await this.publish(projectId, ProjectSubmittedV1, {
      projectId,
      name: `it ${projectId.slice(0, 8)}`,
      requirements: 'A todo app with offline sync.',
      options,
      submittedBy: 'integration-test',
    });
    return projectId;
  }

  /** Submits a project that names a memory template. */
  async submitWithTemplate(templateId: string): Promise<string> {
    const projectId = randomUUID();
    await this.publish(projectId, ProjectSubmittedV1, {
      projectId,
      name: `it ${projectId.slice(0, 8)}`,
      requirements: 'A todo app with offline sync.',
      options: { gates: { prd_approval: true, delivery_approval: false } },
      submittedBy: 'integration-test',
      templateId,
    });
    return projectId;
  }

  /** Waits for an open gate of the project (optionally a later attempt than `after`). */
  async openGate(projectId: string, after = 0): Promise<Row> {
    return eventually(async () => {
      const [open] = await this.rows('approvals', projectId, `AND state = 'open'`);
      expect(open?.['attempt']).toBeGreaterThan(after);
      return open as Row;
    });
  }

  /** Waits for an open gate of the project and approves it, as a reviewer would. */
  async approveNextGate(projectId: string): Promise<Row> {
    const approval = await this.openGate(projectId);
    await this.decide(projectId, approval, 'approve');
    return approval;
  }

  /** Publishes a reviewer's decision on an approval row. */
  async decide(
    projectId: string,
    approval: Row,
    decision: 'approve' | 'reject' | 'request_changes',
    extra: { comment?: string; raiseBudget?: { maxTokens: number } } = {},
  ): Promise<void> {
    await this.publish(projectId, ApprovalDecidedV1, {
      projectId,
      approvalId: approval['id'] as string,
      gate: approval['gate'] as 'prd_approval',
      attempt: approval['attempt'] as number,
      decision,
      decidedBy: 'reviewer',
      ...extra,
    });
  }

  async cancel(projectId: string): Promise<void> {
    await this.publish(projectId, ProjectCancelRequestedV1, {
      projectId,
      reason: 'test done',
      requestedBy: 'integration-test',
    });
  }

  async restart(projectId: string, fromStage: StageId, excludePatterns?: string[]): Promise<void> {
    await this.publish(projectId, ProjectRestartRequestedV1, {
      projectId,
      fromStage,
      requestedBy: 'integration-test',
      ...(excludePatterns === undefined ? {} : { excludePatterns }),
    });
  }

  async waitForState(projectId: string, state: string, timeoutMs = 30_000): Promise<Row> {
    return eventually(
      async () => {
        const [project] = await this.rows('projects', projectId, '', 'id');
        expect(project?.['state']).toBe(state);
        return project as Row;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Rows of one of the orchestrator's tables for a project. */
  async rows(table: string, projectId: string, where = '', key = 'project_id'): Promise<Row[]> {
    const order = table === 'events' ? 'ORDER BY seq' : '';
    const result = await this.pg.query<Row>(
      `SELECT * FROM "${this.schema}".${table} WHERE ${key} = $1 ${where} ${order}`,
      [projectId],
    );
    return result.rows;
  }

  /** Runs a statement against the orchestrator's tables (a test putting a row into some state). */
  async execute(sql: string, params: unknown[] = []): Promise<void> {
    await this.query(sql, params);
  }

  /** The rows of a query against the orchestrator's tables. */
  async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    const connection = await this.pg.connect();
    try {
      await connection.query(`SET search_path TO "${this.schema}"`);
      return (await connection.query<R>(sql, params)).rows;
    } finally {
      await connection.query('RESET search_path');
      connection.release();
    }
  }

  async close(): Promise<void> {
    await this.pg.end();
    await this.bus.close();
  }

  async dropSchema(): Promise<void> {
    await this.pg.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
  }

  private async publish<D extends MessageDefinition>(
    projectId: string,
    definition: D,
    data: DataOf<D>,
  ): Promise<void> {
    await new Publisher(this.bus).publish(definition, data, {
      source: 'test-client',
      correlationId: projectId,
    });
  }
}
