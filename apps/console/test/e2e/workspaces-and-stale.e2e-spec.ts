import { eventually, type Stack } from '@agentbus/testing';
import { type Page } from 'playwright-core';
import { signIn, snap, submitNewProject } from './browser';
import { type ConsoleRig, startConsoleRig } from './console-rig';
import { callGateway, jsonOf, submitProject } from './gateway-calls';

// Model answers take 4 s here, so after a restart the stages downstream of a redone one stay stale
// for several seconds: long enough to see in the browser.
const LATENCY_MS = 4000;

describe('the web console: workspaces and stale artifacts, against the built stack', () => {
  let rig: ConsoleRig;
  let stack: Stack;
  let consoleUrl: string;
  let gatedId = ''; // runs beside the other tests, stopping at its PRD gate

  beforeAll(async () => {
    rig = await startConsoleRig(LATENCY_MS);
    ({ stack, consoleUrl } = rig);
    gatedId = await submitProject(stack, {
      name: 'Stale at a gate',
      requirements: 'A parcel locker network: couriers drop parcels, customers collect by code.',
    });
  }, 300_000);

  afterAll(() => rig?.stop());

  const newPage = (): Promise<Page> => rig.newPage();
  const projectReaches = (id: string, state: string) =>
    eventually(
      async () => {
        const detail = await jsonOf<{ state: string }>(
          callGateway(stack, stack.apiKey, `/v1/projects/${id}`),
          200,
        );
        expect(detail.state).toBe(state);
      },
      { timeoutMs: 150_000 },
    );
  const post = async (path: string, json: object) =>
    jsonOf(callGateway(stack, stack.apiKey, path, { method: 'POST', json }), 202);

  it('lets a key of two workspaces submit into the second, and remembers the choice', async () => {
    const { key } = await jsonOf<{ key: string }>(
      callGateway(stack, stack.apiKey, '/v1/api-keys', {
        method: 'POST',
        json: { name: 'console-two-spaces', role: 'requester', workspaces: ['team-a', 'team-b'] },
      }),
      201,
    );
    const page = await newPage();
    await signIn(page, consoleUrl, key);
    await page.getByText('Role:').waitFor();
    await page.getByRole('link', { name: 'New project' }).click();
    const workspace = page.getByLabel('Workspace');
    expect(await workspace.inputValue()).toBe(''); // none preselected: the person chooses
    await workspace.selectOption('team-b');
    await submitNewProject(page, {
      name: 'Team B board (console)',
      requirements: 'A kanban board for team B: cards, columns, due dates.',
      screenshot: '18-new-project-workspace',
    });
    await page.getByText('workspace team-b').waitFor();
    const id = new URL(page.url()).hash.split('/')[2] ?? '';
    const detail = await jsonOf<{ workspace: string }>(
      callGateway(stack, key, `/v1/projects/${id}`),
      200,
    );
    expect(detail.workspace).toBe('team-b');

    await page.getByRole('link', { name: 'Projects' }).click();
    const row = page.getByRole('row', { name: /Team B board \(console\)/ });
    await row.waitFor();
    expect(await row.locator('[data-workspace]').textContent()).toBe('team-b');
    await snap(page, '19-projects-workspace');

    await page.getByRole('link', { name: 'New project' }).click();
    expect(await page.getByLabel('Workspace').inputValue()).toBe('team-b'); // this tab remembers
    await callGateway(stack, key, `/v1/projects/${id}/cancel`, { method: 'POST', json: {} });
  });

  it('flags a downstream artifact stale after a restart from architecture, until it is redone', async () => {
    const id = await submitProject(stack, {
      name: 'Stale check',
      requirements: 'A library catalogue: members search books and reserve copies.',
      options: { gates: { prd_approval: false } },
    });
    await projectReaches(id, 'completed');

    const page = await newPage();
    await signIn(page, consoleUrl, stack.apiKey);
    await page.getByText('Role:').waitFor();
    const projectUrl = `${consoleUrl}#/projects/${id}`;
    await page.goto(projectUrl);
    await page.getByLabel('Restart from').selectOption('architecture');
    await page.getByRole('button', { name: 'Restart', exact: true }).click();
    await page.getByRole('button', { name: 'Restart from architecture' }).click();
    await page.getByText('Restart from architecture: accepted.').waitFor();
    // Architecture redone (v2 accepted): security, which read v1, is stale until it runs again.
    await page
      .locator('[data-stage="architecture"][data-state="succeeded"]', { hasText: 'attempt 2' })
      .waitFor({ timeout: 60_000 });

    await page.goto(`${projectUrl}/artifacts/security`);
    const stale = page.getByRole('note').filter({ hasText: /^Stale: built on an older/ });
    await stale.waitFor();
    expect(await stale.textContent()).toContain('architecture');
    expect(await page.getByLabel('Version').inputValue()).toBe('1');
    await snap(page, '20-artifact-stale');

    // The page follows the redo: v2 replaces it, built on the current inputs, with no flag.
    await stale.waitFor({ state: 'detached', timeout: 90_000 });
    expect(await page.getByLabel('Version').inputValue()).toBe('2');
    expect(await page.locator('.notice.stale').count()).toBe(0);
    await snap(page, '21-artifact-redone');
  }, 300_000);

  it('lists the artifacts built on the old PRD at the PRD gate, after a restart from prd', async () => {
    await projectReaches(gatedId, 'waiting_approval');
    await post(`/v1/projects/${gatedId}/approvals/prd_approval`, { decision: 'approve' });
    await projectReaches(gatedId, 'completed');
    await post(`/v1/projects/${gatedId}/restart`, { fromStage: 'prd' });
    await projectReaches(gatedId, 'waiting_approval'); // PRD v2 made, its gate asks again

    const page = await newPage();
    await signIn(page, consoleUrl, stack.apiKey);
    await page.getByText('Role:').waitFor();
    await page.goto(`${consoleUrl}#/projects/${gatedId}/gates/prd_approval`);
    const staleList = page.getByRole('region', { name: 'Stale artifacts' });
    await staleList.locator('[data-stale="security"]').waitFor();
    expect(await staleList.locator('[data-stale="security"]').textContent()).toMatch(
      /built on an older .*prd/,
    );
    await snap(page, '22-gate-stale-list');
  }, 300_000);
});
