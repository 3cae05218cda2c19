import { randomUUID } from 'node:crypto';
import { AGENTS, buildPrompt, digestArtifact } from '@agentbus/agents';
import { ArtifactStore } from '../../src/artifacts/artifact.store';
import { loadTaskContext } from '../../src/tasks/task-context.loader';
import { useOwnerSchemas } from '../support/owner-schemas';

const sentences = (tag: string, count: number): string =>
  Array.from({ length: count }, (_, i) => `${tag} sentence ${i} says something long enough.`).join(
    ' ',
  );
const PRD = ['Goals', 'Users', 'Risks']
  .map((heading) => `## ${heading}\n\n${sentences(`${heading}-KEY`, 1)} ${sentences('DETAIL', 30)}`)
  .join('\n\n');
const ARCHITECTURE = JSON.stringify(
  { components: [{ name: 'api', notes: 'WHOLE NOTES' }] },
  null,
  2,
);

// The worker's own schema and the orchestrator's, migrated as production migrates them.
describe('artifact digests', () => {
  const db = useOwnerSchemas(['master-orchestrator']);

  const aProject = async (): Promise<string> => {
    const projectId = randomUUID();
    await db.pg.query(
      `INSERT INTO "${db.schemaOf('master-orchestrator')}".projects (id, name, requirements, options, state, submitted_by)
       VALUES ($1, 'Shed', 'A tool library', '{}', 'running', 'test')`,
      [projectId],
    );
    await db.pg.query(
      `INSERT INTO "${db.schemaOf('master-orchestrator')}".stages (project_id, stage, state, attempt, target, task_id)
       VALUES ($1, 'uiux', 'dispatched', 1, 'cpu', $2)`,
      [projectId, randomUUID()],
    );
    return projectId;
  };

  const write = (projectId: string, stage: 'prd' | 'architecture', body: string) =>
    new ArtifactStore(db.worker.manager).write({
      projectId,
      stage,
      attempt: 1,
      format: stage === 'prd' ? 'markdown' : 'json',
      body,
      agent: stage,
      provider: 'offline',
      model: 'offline-1',
    });

  const uiuxTask = (projectId: string, refs: { prd: unknown; architecture: unknown }) => ({
    taskId: randomUUID(),
    projectId,
    stage: 'uiux' as const,
    attempt: 1,
    agent: 'uiux' as const,
    inputs: [
      { stage: 'prd' as const, artifact: refs.prd },
      { stage: 'architecture' as const, artifact: refs.architecture },
    ] as Parameters<typeof loadTaskContext>[2]['inputs'],
    deadlineAt: new Date(Date.now() + 60_000).toISOString(),
  });

  it('stores a digest with each artifact and puts it, not the body, in a later prompt', async () => {
    const projectId = await aProject();
    const prd = await write(projectId, 'prd', PRD);
    const architecture = await write(projectId, 'architecture', ARCHITECTURE);

    const rows = await db.pg.query<{ digest: string }>(
      `SELECT digest FROM "${db.schemaOf('cpu-agent-worker')}".artifacts WHERE id = $1`,
      [prd.ref.id],
    );
    expect(rows.rows[0]?.digest).toBe(digestArtifact('markdown', PRD));
    expect(rows.rows[0]?.digest.length).toBeLessThan(PRD.length / 2);

    const task = uiuxTask(projectId, { prd: prd.ref, architecture: architecture.ref });
    const { context } = await loadTaskContext(db.worker, db.schemaOf('master-orchestrator'), task);
    expect(context.inputs.get('prd')?.digest).toBe(rows.rows[0]?.digest);

    const system = buildPrompt(AGENTS.uiux, context).system;
    for (const heading of ['Goals', 'Users', 'Risks']) {
      expect(system).toContain(`## ${heading}\n${heading}-KEY sentence 0`);
    }
    expect(system).not.toContain('DETAIL sentence 29');
    expect(system).toContain('"notes":"WHOLE NOTES"'); // architecture: uiux reads it whole
  });

  it('digests an artifact stored before digests existed when it is read', async () => {
    const projectId = await aProject();
    const prd = await write(projectId, 'prd', PRD);
    const architecture = await write(projectId, 'architecture', ARCHITECTURE);
    await db.pg.query(
      `UPDATE "${db.schemaOf('cpu-agent-worker')}".artifacts SET digest = NULL WHERE id = $1`,
      [prd.ref.id],
    );

    const task = uiuxTask(projectId, { prd: prd.ref, architecture: architecture.ref });
    const { context } = await loadTaskContext(db.worker, db.schemaOf('master-orchestrator'), task);

    expect(context.inputs.get('prd')?.digest).toBeUndefined();
    const system = buildPrompt(AGENTS.uiux, context).system;
    expect(system).toContain(digestArtifact('markdown', PRD));
    expect(system).not.toContain('DETAIL sentence 29');
  });
});
