import { startStack, type Stack, testNamespace } from '@agentbus/testing';
import { apiOf } from './support/api';

interface GateTimeout {
  action: string;
  afterSeconds: number;
  deadlineAt: string | null;
  maxReminders: number | null;
  remindersSent: number;
  decidedByTimeout: boolean;
}
interface Gate {
  id: string;
  gate: string;
  attempt: number;
  open: boolean;
  state: string;
  decidedBy: string | null;
  timeout: GateTimeout | null;
}
interface AuditEntry {
  kind: string;
  actor: string;
  decision?: string;
  automatic?: boolean;
}

const prdGate = (timeout: Record<string, unknown> | null) => ({
  gates: { prd_approval: true, delivery_approval: false },
  gateTimeouts: { prd_approval: timeout },
});

describe('gate timeouts, end to end (gateway, orchestrator, worker)', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    // The operator's default: remind hourly. Projects below set their own (or null).
    stack = await startStack(testNamespace(), {
      'master-orchestrator': { ORCH_GATE_TIMEOUT_S: '3600', ORCH_GATE_TIMEOUT_ACTION: 'remind' },
    });
    api = apiOf(stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const gatesOf = async (id: string) => (await api.project(id)) as unknown as { gates: Gate[] };
  const prdOf = async (id: string): Promise<Gate> => {
    const gate = (await gatesOf(id)).gates.find((candidate) => candidate.gate === 'prd_approval');
    if (gate === undefined) throw new Error('no prd_approval gate');
    return gate;
  };
  /** The SSE feed of a finished project: its whole history, then `event: end`. */
  const sseEventsOf = async (id: string): Promise<string[]> => {
    const { status, body } = await api.call('GET', `/v1/projects/${id}/events`);
    expect(status).toBe(200);
    return String(body)
      .split('\n')
      .filter((line) => line.startsWith('event: '))
      .map((line) => line.slice('event: '.length));
  };
  const auditOf = async (id: string) => {
    const { status, body } = await api.call('GET', `/v1/projects/${id}/audit`);
    expect(status).toBe(200);
    return (body as { items: AuditEntry[] }).items;
  };

  it('refuses a bad timeout with a 400 naming the field, and creates nothing', async () => {
    const bad = [
      prdGate({ afterSeconds: 60, action: 'later' }),
      prdGate({ afterSeconds: 0, action: 'approve' }),
      prdGate({ afterSeconds: 60, action: 'approve', maxReminders: 2 }),
      { gateTimeouts: { budget_exceeded: { afterSeconds: 60, action: 'approve' } } },
    ];
    const submissions = async () =>
      Number(
        (
          await stack.pg.query<{ n: string }>(
            `SELECT count(*) AS n FROM ${stack.schemaOf('gateway')}.submissions`,
          )
        ).rows[0]?.n,
      );
    const before = await submissions();
    for (const options of bad) {
      const { status, body } = await api.call('POST', '/v1/projects', {
        name: 'Bad timeout',
        requirements: 'A todo app.',
        options,
      });
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toMatch(/gateTimeouts/);
    }
    expect(await submissions()).toBe(before);
  });

  it('approve, reject and remind: each default action as a user sees it', async () => {
    const [approving, rejecting, reminding] = await Promise.all([
      api.submit(prdGate({ afterSeconds: 2, action: 'approve' }), 'Approved by timeout'),
      api.submit(prdGate({ afterSeconds: 1, action: 'reject' }), 'Rejected by timeout'),
      api.submit(prdGate({ afterSeconds: 1, action: 'remind', maxReminders: 2 }), 'Reminded'),
    ]);

    // approve: the gate shows its timeout while open, then the system approves and the work goes on.
    const open = await api.openGate(approving, 'prd_approval');
    expect((open as Gate).timeout).toMatchObject({ action: 'approve', afterSeconds: 2 });
    expect((open as Gate).timeout?.deadlineAt).not.toBeNull();
    await api.waitFor(approving, (view) => view.state === 'completed', 90_000);
    expect(await prdOf(approving)).toMatchObject({
      state: 'approved',
      decidedBy: 'system',
      timeout: { decidedByTimeout: true, deadlineAt: null },
    });
    const late = await api.decide(approving, 'prd_approval', {
      decision: 'reject',
      attempt: open.attempt,
    });
    expect(late.status).toBe(409);
    const approvedFeed = await sseEventsOf(approving);
    expect(approvedFeed.filter((event) => event === 'approval.timed-out')).toHaveLength(1);
    expect(approvedFeed.at(-1)).toBe('end');
    expect(await auditOf(approving)).toContainEqual(
      expect.objectContaining({ kind: 'decision', actor: 'system', automatic: true }),
    );

    // reject: the project fails as on a reviewer's rejection, the audit names the system.
    const failed = await api.waitFor(rejecting, (view) => view.state === 'failed');
    expect(failed.failure?.cause).toMatch(/^prd_approval rejected by system/);
    expect(await sseEventsOf(rejecting)).toEqual(
      expect.arrayContaining(['approval.timed-out', 'project.failed']),
    );
    expect(await auditOf(rejecting)).toContainEqual(
      expect.objectContaining({ decision: 'reject', actor: 'system', automatic: true }),
    );

    // remind: two reminders, still waiting; then a reviewer approves and it completes.
    await api.waitFor(reminding, (view) => {
      const gate = (view.gates as Gate[]).find((candidate) => candidate.gate === 'prd_approval');
      return gate?.timeout?.remindersSent === 2 && gate.timeout.deadlineAt === null;
    });
    const waiting = await prdOf(reminding);
    expect(waiting).toMatchObject({ open: true, state: 'open' });
    const { status } = await api.decide(reminding, 'prd_approval', {
      decision: 'approve',
      attempt: waiting.attempt,
    });
    expect(status).toBe(202);
    await api.waitFor(reminding, (view) => view.state === 'completed', 90_000);
    const remindedFeed = await sseEventsOf(reminding);
    expect(remindedFeed.filter((event) => event === 'approval.reminded')).toHaveLength(2);
    expect(remindedFeed).not.toContain('approval.timed-out');
    const decisions = (await auditOf(reminding)).filter((entry) => entry.kind === 'decision');
    expect(decisions).toEqual([expect.objectContaining({ actor: 'bootstrap-admin' })]);
    expect(decisions[0]).not.toHaveProperty('automatic');
  });

  it("applies the orchestrator's default to a project that sets none, and none where it says null", async () => {
    const [defaulted, none] = await Promise.all([
      api.submit({ gates: { prd_approval: true, delivery_approval: false } }, 'Default timeout'),
      api.submit(prdGate(null), 'No timeout'),
    ]);
    await api.openGate(defaulted, 'prd_approval');
    await api.openGate(none, 'prd_approval');
    expect((await prdOf(defaulted)).timeout).toMatchObject({
      action: 'remind',
      afterSeconds: 3600,
      maxReminders: 3,
      remindersSent: 0,
    });
    expect((await prdOf(none)).timeout).toBeNull();
    for (const id of [defaulted, none]) {
      expect((await api.call('POST', `/v1/projects/${id}/cancel`, {})).status).toBe(202);
    }
  });
});
