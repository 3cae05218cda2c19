import { Client } from 'pg';
import { checkInvariants } from './invariants';
import { type ChaosResult, runChaos } from './run';

/**
 * The chaos suite's small run: 20 projects while five services are killed -9 (the orchestrator,
 * both workers and the gateway among them), nats-server is killed and restarted, and Postgres is
 * crashed and started. Every invariant must hold; then a double charge is planted to show the
 * checker sees a violation.
 */
describe('chaos: services, NATS and Postgres die while projects run', () => {
  let result: ChaosResult;
  let plantedFlagged: string | undefined;

  beforeAll(async () => {
    result = await runChaos(
      {
        projects: 20,
        concurrency: 5,
        replicas: 1,
        workers: 2,
        latencyMs: 200,
        seed: 20261202,
        timeoutS: 420,
        settleS: 60,
        log: (line) => console.info(line),
        faults: {
          kills: 5,
          everyMs: 3000,
          restartAfterMs: 1000,
          outageMs: 3000,
          natsAfterKill: 2,
          postgresAfterKill: 4,
        },
      },
      async (stack) => {
        const orchestrator = stack.schemaOf('master-orchestrator');
        const pg = new Client({ connectionString: stack.postgres.url });
        await pg.connect();
        let planted: string;
        try {
          await plantDoubleCharge(pg, orchestrator);
          planted = (await pg.query<{ id: string }>(`SELECT id FROM ${orchestrator}.projects`)).rows
            .map((row) => row.id)
            .join(',');
        } finally {
          await pg.end();
        }
        const checks = await checkInvariants({
          postgresUrl: stack.postgres.url,
          natsUrl: stack.natsUrl,
          natsMonitorUrl: `http://127.0.0.1:${stack.natsMonitorPort}`,
          namespace: stack.namespace,
          orchestratorSchema: orchestrator,
          workerSchema: stack.schemaOf('cpu-agent-worker'),
          outboxSchemas: [],
          projectIds: planted.split(','),
        });
        plantedFlagged = checks.find(
          (c) => c.name === 'projects charged other than their recorded calls',
        )?.value;
      },
    );
    console.info(
      result.checks.map((c) => `${c.name}: ${c.value} (${c.ok ? 'ok' : 'VIOLATED'})`).join('\n'),
    );
  }, 600_000);

  it('completes every project with every fault landed mid-run', () => {
    const byName = new Map(result.checks.map((c) => [c.name, c]));
    expect(byName.get('projects completed')?.value).toBe('20/20');
    expect(byName.get('planned faults injected during the load')?.ok).toBe(true);
  });

  it('holds every invariant: nothing lost, doubled, paid twice, stuck or dead-lettered', () => {
    const violated = result.checks.filter((c) => !c.ok);
    expect(violated).toEqual([]);
  });

  it('flags a planted double charge (the checker can fail)', () => {
    expect(plantedFlagged).toBe('1');
  });
});

/** One project charged a token more than its recorded calls used, as a double-applied charge would. */
async function plantDoubleCharge(pg: Client, schema: string): Promise<void> {
  await pg.query(
    `UPDATE ${schema}.projects SET tokens_used = tokens_used + 1
     WHERE id = (SELECT id FROM ${schema}.projects LIMIT 1)`,
  );
}
