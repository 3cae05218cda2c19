import { workflowMessageCount } from './bus-commands';
import { type Gateway, outboxDrained } from './gateway-harness';

/** Row counts of everything a request could create, and the workflow stream's message count. */
export interface Footprint {
  readonly projects: number;
  readonly submissions: number;
  readonly decisions: number;
  readonly apiKeys: number;
  readonly outbox: number;
  readonly workflowMessages: number;
}

/** What the gateway has created so far, once its outbox has published everything committed. */
export async function footprintOf(gw: Gateway): Promise<Footprint> {
  await outboxDrained(gw);
  const count = async (table: string): Promise<number> => {
    const { rows } = await gw.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]?.n ?? Number.NaN;
  };
  const { gateway, orchestrator } = gw.schemas;
  return {
    projects: await count(`"${orchestrator}".projects`),
    submissions: await count(`"${gateway}".submissions`),
    decisions: await count(`"${gateway}".decisions`),
    apiKeys: await count(`"${gateway}".api_keys`),
    outbox: await count(`"${gateway}".outbox`),
    workflowMessages: await workflowMessageCount(gw.nc, gw.namespace),
  };
}
