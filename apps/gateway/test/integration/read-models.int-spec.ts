import { randomBytes } from 'node:crypto';
import { READER_ROLE } from '@agentbus/contracts';
import { postgresUrl } from '@agentbus/testing';
import { Client } from 'pg';
import { type Gateway, startGateway } from '../support/gateway-harness';

describe('read models (ADR 0005)', () => {
  let gw: Gateway;

  beforeAll(async () => {
    gw = await startGateway();
  });

  afterAll(async () => {
    await gw.stop();
  });

  it('is ready while every view version it reads exists', async () => {
    const response = await gw.call('/readyz', { as: null });
    expect(response.status).toBe(200);
  });

  it('is not ready, naming the view and its version, when a view it reads is missing', async () => {
    const { orchestrator } = gw.schemas;
    await gw.sql.query(`ALTER VIEW "${orchestrator}".projects_v2 RENAME TO projects_v0`);
    try {
      const response = await gw.call('/readyz', { as: null });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { checks: Record<string, { error?: string }> };
      expect(body.checks['read-models']?.error).toContain(
        `${orchestrator}.projects_v2 (projects version 2) does not exist: run the master-orchestrator migrations`,
      );
    } finally {
      await gw.sql.query(`ALTER VIEW "${orchestrator}".projects_v0 RENAME TO projects_v2`);
    }
  });

  describe(`a login that is only a member of ${READER_ROLE}`, () => {
    const login = `t_reader_${randomBytes(6).toString('hex')}`;
    let reader: Client;

    beforeAll(async () => {
      await gw.sql.query(`CREATE ROLE ${login} LOGIN IN ROLE ${READER_ROLE}`);
      const url = new URL(await postgresUrl());
      url.username = login;
      url.password = '';
      reader = new Client({ connectionString: url.toString() });
      await reader.connect();
    });

    afterAll(async () => {
      await reader.end();
      await gw.sql.query(`DROP ROLE IF EXISTS ${login}`);
    });

    it.each([
      ['orchestrator', 'projects_v1'],
      ['orchestrator', 'project_requirements_v1'],
      ['orchestrator', 'stages_v1'],
      ['orchestrator', 'approvals_v1'],
      ['orchestrator', 'projects_v2'],
      ['orchestrator', 'approvals_v2'],
      ['orchestrator', 'events_v1'],
      ['worker', 'artifacts_v1'],
      ['worker', 'llm_usage_v1'],
    ] as const)('reads %s.%s', async (owner, view) => {
      const { rows } = await reader.query(`SELECT * FROM "${gw.schemas[owner]}".${view} LIMIT 1`);
      expect(rows).toEqual([]);
    });

    it.each([
      ['orchestrator', 'projects'],
      ['orchestrator', 'approvals'],
      ['worker', 'llm_calls'],
    ] as const)('cannot read the table %s.%s behind the views', async (owner, table) => {
      await expect(
        reader.query(`SELECT 1 FROM "${gw.schemas[owner]}".${table} LIMIT 1`),
      ).rejects.toThrow(/permission denied/);
    });

    it('cannot write through a view', async () => {
      await expect(
        reader.query(`DELETE FROM "${gw.schemas.orchestrator}".events_v1`),
      ).rejects.toThrow(/permission denied/);
    });
  });
});
