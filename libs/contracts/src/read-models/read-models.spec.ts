import { CPU_WORKER_READ_MODELS } from './cpu-worker.read-models';
import { ORCHESTRATOR_READ_MODELS, ProjectsV1 } from './orchestrator.read-models';
import { missingReadModels, READER_ROLE, readerGrantStatements } from './read-model';

const present = (schema: string, view: string, columns: readonly string[]) =>
  columns.map((column) => ({ schema, view, column }));

describe('read models', () => {
  it('names every view <name>_v<version>, each once', () => {
    const views = [...ORCHESTRATOR_READ_MODELS, ...CPU_WORKER_READ_MODELS].map((m) => m.view);
    expect(new Set(views).size).toBe(views.length);
    for (const model of [...ORCHESTRATOR_READ_MODELS, ...CPU_WORKER_READ_MODELS]) {
      expect(model.view).toBe(`${model.name}_v${model.version}`);
      expect(model.columns).toEqual(Object.keys(model.row.shape));
    }
  });

  it('keeps requirements out of projects_v1 (lists and details never read them)', () => {
    expect(ProjectsV1.columns).not.toContain('requirements');
  });

  it('grants SELECT on exactly the published views to the NOLOGIN reader role', () => {
    const statements = readerGrantStatements(CPU_WORKER_READ_MODELS);
    expect(statements.join('\n')).toContain(`CREATE ROLE ${READER_ROLE} NOLOGIN`);
    expect(statements.at(-1)).toBe(
      `GRANT SELECT ON artifacts_v1, llm_usage_v1, llm_usage_v2 TO ${READER_ROLE}`,
    );
  });

  describe(missingReadModels.name, () => {
    const needed = [{ schema: 'orch', model: ProjectsV1 }];

    it('is empty when the view has every column of its row schema', () => {
      expect(missingReadModels(needed, present('orch', 'projects_v1', ProjectsV1.columns))).toEqual(
        [],
      );
    });

    it('names a missing view with its version and owner', () => {
      expect(missingReadModels(needed, present('orch', 'projects_v2', ProjectsV1.columns))).toEqual(
        [
          'orch.projects_v1 (projects version 1) does not exist: run the master-orchestrator migrations',
        ],
      );
    });

    it('names the columns a view lacks', () => {
      const columns = ProjectsV1.columns.filter((column) => column !== 'version');
      expect(missingReadModels(needed, present('orch', 'projects_v1', columns))).toEqual([
        'orch.projects_v1 (projects version 1) lacks column(s) version: run the master-orchestrator migrations',
      ]);
    });
  });
});
