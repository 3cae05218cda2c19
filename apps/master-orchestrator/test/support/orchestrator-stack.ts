import { deleteNamespaceStreams, natsUrl, testNamespace } from '@agentbus/testing';
import { type WorkflowTopology } from '../../src/workflow/workflow-versions';
import { FakeWorker, type Script } from './fake-worker';
import { type RunningOrchestrator, startOrchestrator } from './orchestrator';
import { TestClient } from './test-client';

export interface OrchestratorStackOptions {
  /** Settings over the test defaults of `startOrchestrator`. */
  readonly env?: Record<string, string>;
  /** The DAG versions the orchestrator knows; its own when absent. */
  readonly workflowVersions?: readonly WorkflowTopology[];
  /** How the fake worker answers tasks; every task succeeds when absent. */
  readonly script?: Script;
}

/** An orchestrator, a fake CPU worker and a test client sharing one namespace and schema. */
export interface OrchestratorStack {
  readonly namespace: string;
  readonly schema: string;
  readonly orchestrator: RunningOrchestrator;
  readonly worker: FakeWorker;
  readonly client: TestClient;
  /** Closes the orchestrator and boots it again on the same namespace and schema (a deploy). */
  restartOrchestrator(workflowVersions?: readonly WorkflowTopology[]): Promise<void>;
}

const succeed: Script = () => ({ kind: 'succeed' });

/**
 * Registers the `beforeAll`/`afterAll` that start the stack and remove everything it made (its
 * schema and streams); call it at the top of a `describe`, read its parts inside the tests.
 */
export function useOrchestratorStack(options: OrchestratorStackOptions = {}): OrchestratorStack {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  const env = options.env ?? {};
  let orchestrator: RunningOrchestrator | undefined;
  let worker: FakeWorker | undefined;
  let client: TestClient | undefined;

  beforeAll(async () => {
    orchestrator = await startOrchestrator(namespace, schema, env, options.workflowVersions);
    worker = await FakeWorker.start(namespace, options.script ?? succeed);
    client = await TestClient.start(namespace, schema);
  });

  afterAll(async () => {
    await worker?.stop();
    await orchestrator?.close();
    await client?.dropSchema();
    await client?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  return {
    namespace,
    schema,
    get orchestrator() {
      return started(orchestrator, 'orchestrator');
    },
    get worker() {
      return started(worker, 'worker');
    },
    get client() {
      return started(client, 'client');
    },
    async restartOrchestrator(workflowVersions) {
      await orchestrator?.close();
      // Left unset while booting, so afterAll does not close the old one twice if this throws.
      orchestrator = undefined;
      orchestrator = await startOrchestrator(namespace, schema, env, workflowVersions);
    },
  };
}

/** A part read before `beforeAll` ran (or after it failed) is a mistake in the spec, said so. */
function started<T>(part: T | undefined, name: string): T {
  if (part === undefined) throw new Error(`the orchestrator stack's ${name} is not started`);
  return part;
}
