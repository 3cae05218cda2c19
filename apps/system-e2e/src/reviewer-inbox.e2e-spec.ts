import { startStack, type Stack, testNamespace } from '@agentbus/testing';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { apiOf } from './support/api';

/** One gate opening of `GET /v1/approvals` (the reviewers' inbox), as the tests read it. */
interface InboxItem {
  approvalId: string;
  projectId: string;
  gate: string;
  state: string;
  openedAt: string;
  canAct: boolean;
}
interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

const CLI = resolve(__dirname, '../../../dist/apps/cli/main.js');
const WORKSPACES = { north: 3, south: 2 } as const;
type Workspace = keyof typeof WORKSPACES;

// Newest opened first, ties by approval id: the order the inbox documents.
const newestFirst = (a: InboxItem, b: InboxItem) =>
  b.openedAt.localeCompare(a.openedAt) || b.approvalId.localeCompare(a.approvalId);

/**
 * The reviewers' inbox over the built stack: projects of two workspaces wait at prd_approval; a
 * reviewer sees exactly the open gates of the workspaces their key acts in, page by page; a
 * decision takes the gate out of the inbox; a viewer sees but cannot decide; the CLI's `inbox`
 * shows the same.
 */
describe("reviewers' inbox end to end (two workspaces)", () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;
  const keys = new Map<string, string>();
  const projects: Record<Workspace, string[]> = { north: [], south: [] };

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const keyOf = (name: string): string => {
    const key = keys.get(name);
    if (key === undefined) throw new Error(`no key ${name}`);
    return key;
  };
  const createKey = async (name: string, role: string, workspace: Workspace) => {
    const { status, body } = await api.call('POST', '/v1/api-keys', {
      name,
      role,
      workspaces: [workspace],
    });
    expect(status).toBe(201);
    keys.set(name, (body as { key: string }).key);
  };
  /** Every open gate the key sees, following `nextCursor` with pages of `limit`. */
  const openInbox = async (key: string, limit: number) => {
    const items: InboxItem[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const query = `state=open&limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const { status, body } = await api.call('GET', `/v1/approvals?${query}`, undefined, as(key));
      expect(status).toBe(200);
      const page = body as InboxPage;
      items.push(...page.items);
      pages.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return { items, pages };
  };

  beforeAll(async () => {
    stack = await startStack(testNamespace());
    api = apiOf(stack);
    await createKey('north-reviewer', 'approver', 'north');
    await createKey('north-viewer', 'viewer', 'north');
    await createKey('south-reviewer', 'approver', 'south');
    for (const workspace of Object.keys(WORKSPACES) as Workspace[]) {
      for (let n = 0; n < WORKSPACES[workspace]; n += 1) {
        const { status, body } = await api.call('POST', '/v1/projects', {
          name: `${workspace} ${n}`,
          requirements: 'A shared calendar for a climbing club: members book wall slots.',
          workspace,
        });
        expect(status).toBe(202);
        projects[workspace].push((body as { id: string }).id);
      }
    }
    for (const id of [...projects.north, ...projects.south]) {
      await api.openGate(id, 'prd_approval', 240_000);
    }
  }, 600_000);

  afterAll(() => stack?.stop());

  it('shows a reviewer exactly the open gates of their workspace, newest first, page by page', async () => {
    for (const workspace of Object.keys(WORKSPACES) as Workspace[]) {
      const { items, pages } = await openInbox(keyOf(`${workspace}-reviewer`), 2);
      expect(items.map((item) => item.projectId).sort()).toEqual([...projects[workspace]].sort());
      expect(items.every((item) => item.gate === 'prd_approval' && item.state === 'open')).toBe(
        true,
      );
      expect(items.every((item) => item.canAct)).toBe(true);
      expect(items).toEqual([...items].sort(newestFirst));
      // Keyset pages of 2: full pages, then the rest; the pages together are the one-page list.
      expect(pages).toEqual(WORKSPACES[workspace] === 3 ? [2, 1] : [2]);
      expect((await openInbox(keyOf(`${workspace}-reviewer`), 100)).items).toEqual(items);
    }
    // The operator key acts in every workspace and sees all of them.
    const all = await openInbox(stack.apiKey, 100);
    expect(all.items.map((item) => item.projectId).sort()).toEqual(
      [...projects.north, ...projects.south].sort(),
    );
  });

  it('lets a viewer read the inbox but not decide (403), and hides other workspaces (404)', async () => {
    const viewer = keyOf('north-viewer');
    const { items } = await openInbox(viewer, 100);
    expect(items).toHaveLength(WORKSPACES.north);
    expect(items.some((item) => item.canAct)).toBe(false);
    const [first] = items;
    if (first === undefined) throw new Error('the viewer sees no gate');
    const refused = await api.call(
      'POST',
      `/v1/projects/${first.projectId}/approvals/prd_approval`,
      { decision: 'approve' },
      as(viewer),
    );
    expect(refused.status).toBe(403);
    const south = projects.south[0] ?? '';
    const elsewhere = await api.call(
      'POST',
      `/v1/projects/${south}/approvals/prd_approval`,
      { decision: 'approve' },
      as(keyOf('north-reviewer')),
    );
    expect(elsewhere.status).toBe(404);
    // Nothing was decided: both workspaces still wait on every gate.
    expect((await openInbox(keyOf('north-reviewer'), 100)).items).toHaveLength(WORKSPACES.north);
    expect((await openInbox(keyOf('south-reviewer'), 100)).items).toHaveLength(WORKSPACES.south);
  });

  it('takes a decided gate out of the inbox at once, and the project goes on', async () => {
    const reviewer = keyOf('north-reviewer');
    const before = (await openInbox(reviewer, 100)).items;
    const oldest = before.at(-1);
    if (oldest === undefined) throw new Error('no open gate');
    const decided = await api.call(
      'POST',
      `/v1/projects/${oldest.projectId}/approvals/prd_approval`,
      { decision: 'approve', comment: 'Looks right.' },
      as(reviewer),
    );
    expect(decided.status).toBe(202);
    const after = (await openInbox(reviewer, 100)).items;
    expect(after).toEqual(before.filter((item) => item.approvalId !== oldest.approvalId));
    await api.waitFor(oldest.projectId, (view) => view.state !== 'waiting_approval', 120_000);
    expect((await openInbox(reviewer, 100)).items).toEqual(after);
  }, 180_000);

  it("lists the same gates in the CLI's inbox for a reviewer's key", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, 'inbox', '--all', '--json'],
      {
        env: {
          ...process.env,
          AGENT_BUS_URL: stack.gatewayUrl,
          AGENT_BUS_API_KEY: keyOf('south-reviewer'),
        },
      },
    );
    const items = JSON.parse(stdout) as InboxItem[];
    expect(items.map((item) => item.projectId).sort()).toEqual([...projects.south].sort());
  });
});
