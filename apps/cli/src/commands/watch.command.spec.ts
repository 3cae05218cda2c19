import { registerWatch } from './watch.command';
import {
  AFTER_GATE,
  APPROVAL_ID,
  PROJECT_ID,
  UNTIL_GATE,
  aProjectDetail,
} from '../../test/builders';
import { FakeGateway, sendJson } from '../../test/fake-gateway';
import { runAgentBus } from '../../test/run-cli';
import { type EventSpec, endFrame, framesFrom, openSse } from '../../test/sse-frames';

const DETAIL = `/v1/projects/${PROJECT_ID}`;
const EVENTS = `${DETAIL}/events`;
const WHOLE_RUN: readonly EventSpec[] = [...UNTIL_GATE, ...AFTER_GATE];

describe(registerWatch.name, () => {
  let gateway: FakeGateway;
  const watch = (signal?: AbortSignal) =>
    runAgentBus(['watch', PROJECT_ID], { url: gateway.url, ...(signal ? { signal } : {}) });

  beforeEach(async () => {
    gateway = await FakeGateway.start();
    gateway.on('GET', DETAIL, (_req, res) => sendJson(res, 200, aProjectDetail()));
  });
  afterEach(() => gateway.close());

  it('follows a project to completed and exits 0, one line per event with progress', async () => {
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.end(framesFrom(1, WHOLE_RUN) + endFrame());
    });
    const { code, stdout } = await watch();
    expect(code).toBe(0);
    expect(stdout).toContain('[1/12] stage prd done in 1.5s, artifact v1');
    expect(stdout).toContain('[12/12] project completed (24,000 tokens, $0.4200)');
    expect(stdout).toContain(
      `project ${PROJECT_ID} completed: 12/12 stages, 24,000 tokens, $0.4200`,
    );
    expect(stdout).toContain(`download the artifacts: agent-bus artifacts ${PROJECT_ID}`);
    expect(gateway.requestsTo('GET', EVENTS)[0]?.headers.authorization).toBe('Bearer test-key');
  });

  it('shows each stage cost and the progress so far from the cost events, asking the project once', async () => {
    const usage = (totalTokens: number, cachedTokens: number, costUsd: number) => ({
      inputTokens: totalTokens - cachedTokens,
      cachedTokens,
      cacheWriteTokens: 0,
      outputTokens: 0,
      totalTokens,
      costUsd,
    });
    const costFrame = (data: object) => `event: cost\ndata: ${JSON.stringify(data)}\n\n`;
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.end(
        framesFrom(1, WHOLE_RUN.slice(0, 3)) +
          costFrame({
            stage: 'prd',
            stageUsage: usage(700, 400, 0.002),
            total: usage(700, 400, 0.002),
          }) +
          framesFrom(4, WHOLE_RUN.slice(3)) +
          costFrame({ stage: null, stageUsage: null, total: usage(24_000, 9_000, 0.42) }) +
          endFrame(),
      );
    });
    const { code, stdout } = await watch();
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /\n {2}prd cost \$0\.0020 \(700 tokens \(400 cached\)\); so far: 1\/12 stages, \d+m\d\ds, 1,200 tokens \(400 cached\), \$0\.0125\n/,
    );
    expect(stdout).toMatch(
      /\n {2}in all: 12\/12 stages, \d+m\d\ds, 24,000 tokens \(9,000 cached\), \$0\.4200\n/,
    );
    // Only the first stage (before any cost event) asks the project for its totals.
    expect(gateway.requestsTo('GET', DETAIL)).toHaveLength(2);
  });

  it('resumes a dropped stream with Last-Event-ID, losing and repeating nothing', async () => {
    gateway.on('GET', EVENTS, (req, res) => {
      openSse(res);
      if (req.headers['last-event-id'] === undefined) {
        res.write(framesFrom(1, WHOLE_RUN.slice(0, 3)));
        setTimeout(() => res.destroy(), 20); // the connection breaks mid-stream
      } else {
        const after = Number(req.headers['last-event-id']);
        res.end(framesFrom(after + 1, WHOLE_RUN.slice(after)) + endFrame());
      }
    });
    const { code, stdout } = await watch();
    expect(gateway.requestsTo('GET', EVENTS).map((r) => r.headers['last-event-id'])).toEqual([
      undefined,
      '3',
    ]);
    expect(stdout).toMatch(
      /connection lost \(.+\); resuming from event 3 in 0\.0s \(attempt 1\/3\)/,
    );
    expect(stdout.match(/stage prd done/g)).toHaveLength(1);
    expect(stdout.match(/stage feature_tree done/g)).toHaveLength(1);
    expect(code).toBe(0);
  });

  it('prints the exact commands at an open gate, and exits 1 with the cause when rejected', async () => {
    const failed: EventSpec = [
      'project.failed',
      { stage: 'prd', cause: 'prd_approval rejected: too vague' },
    ];
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.end(framesFrom(1, [...UNTIL_GATE, failed]) + endFrame('project.failed'));
    });
    const { code, stdout } = await watch();
    expect(stdout).toContain('gate prd_approval is waiting for a decision after stage prd');
    expect(stdout).toContain(`  approve:          agent-bus approve ${PROJECT_ID} prd_approval\n`);
    expect(stdout).toContain(
      `  reject:           agent-bus reject ${PROJECT_ID} prd_approval --comment "<why>"`,
    );
    expect(stdout).toContain(
      `  request changes:  agent-bus request-changes ${PROJECT_ID} prd_approval --comment`,
    );
    expect(stdout).toContain(
      `project ${PROJECT_ID} failed at stage prd: prd_approval rejected: too vague`,
    );
    expect(stdout).toContain(`agent-bus restart ${PROJECT_ID} --from prd`);
    expect(code).toBe(1);
  });

  it('exits 1 when the project is cancelled', async () => {
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.end(
        framesFrom(1, [['project.cancelled', { reason: 'duplicate' }]]) +
          endFrame('project.cancelled'),
      );
    });
    const { code, stdout } = await watch();
    expect(stdout).toContain(`project ${PROJECT_ID} was cancelled: duplicate`);
    expect(code).toBe(1);
  });

  it('only notes a gate decided before the watch began', async () => {
    const decided = {
      id: APPROVAL_ID,
      gate: 'prd_approval',
      attempt: 1,
      open: false,
      state: 'decided',
      decision: 'approve',
    };
    gateway.on('GET', DETAIL, (_req, res) =>
      sendJson(res, 200, aProjectDetail({ gates: [decided] })),
    );
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.end(framesFrom(1, WHOLE_RUN) + endFrame());
    });
    const { stdout } = await watch();
    expect(stdout).toContain('(decided earlier: approve)');
    expect(stdout).not.toContain('approve:');
  });

  it('asks the project how it ended when the stream ends without its terminal event', async () => {
    let calls = 0;
    gateway.on('GET', DETAIL, (_req, res) =>
      sendJson(res, 200, aProjectDetail(++calls > 1 ? { state: 'completed' } : {})),
    );
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.end(endFrame());
    });
    expect((await watch()).code).toBe(0);
  });

  it('stops on Ctrl-C with exit 130 and the command to resume', async () => {
    const interrupt = new AbortController();
    gateway.on('GET', EVENTS, (_req, res) => {
      openSse(res);
      res.write(framesFrom(1, UNTIL_GATE.slice(0, 1)));
      setTimeout(() => interrupt.abort(), 50);
    });
    const { code, stderr } = await watch(interrupt.signal);
    expect(code).toBe(130);
    expect(stderr).toContain(
      `the project keeps running. Resume with: agent-bus watch ${PROJECT_ID}`,
    );
  });

  it('says how to find a project when the id is unknown', async () => {
    const { code, stderr } = await runAgentBus(['watch', 'nope'], { url: gateway.url });
    expect(code).toBe(4);
    expect(stderr).toContain('error: Not Found (404): No route /v1/projects/nope');
    expect(stderr).toContain('hint: check the project id; `agent-bus list` shows your projects');
  });
});
