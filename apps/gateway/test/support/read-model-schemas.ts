import { migrateOwnerSchema } from '@agentbus/testing';

const OWNERS = { orchestrator: 'master-orchestrator', worker: 'cpu-agent-worker' } as const;

/**
 * Creates `schema` with the orchestrator's (or worker's) tables and published read models, by
 * running that service's own migration list: the gateway's tests read exactly the views those
 * services publish (ADR 0005), and write fixture rows into their tables behind the views.
 */
export async function createReadModelSchema(
  url: string,
  owner: keyof typeof OWNERS,
  schema: string,
): Promise<void> {
  await migrateOwnerSchema(url, OWNERS[owner], schema);
}
