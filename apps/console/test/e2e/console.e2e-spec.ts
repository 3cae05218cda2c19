import { eventually, freePort, tcpGate, type Stack } from '@agentbus/testing';
import { type Browser, type Page } from 'playwright-core';
import { signIn, snap, submitNewProject } from './browser';
import { type ConsoleRig, startConsoleRig } from './console-rig';
import { callGateway, jsonOf, submitProject } from './gateway-calls';

/** Presses Tab (at most 60 times) until the focused element matches; fails if it never does. */
async function tabUntil(page: Page, matches: (element: Element) => boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const handle = await page.evaluateHandle(() => document.activeElement);
    const element = handle.asElement();
    if (element !== null && (await element.evaluate(matches))) return;
  }
  throw new Error('Tab never reached the element');
}

const PRD_WITH_DIAGRAM =
  '# PRD\n\n## Flow\n\n```mermaid\ngraph TD\n  Rider --> Booking --> Payment\n```\n';

describe('the web console in a browser, against the built stack', () => {
  let rig: ConsoleRig;
  let stack: Stack;
  let browser: Browser;
  let consoleUrl: string;
  const keys = { approver: '', viewer: '' };
  let waitingProjectId = ''; // a project left open at its PRD gate by the viewer test

  const createKey = async (role: 'approver' | 'viewer'): Promise<string> =>
    (
      await jsonOf<{ key: string }>(
        callGateway(stack, stack.apiKey, '/v1/api-keys', {
          method: 'POST',
          json: { name: `console-${role}`, role },
        }),
        201,
      )
    ).key;

  beforeAll(async () => {
    rig = await startConsoleRig(100);
    ({ stack, browser, consoleUrl } = rig);
    keys.approver = await createKey('approver');
    keys.viewer = await createKey('viewer');
  }, 300_000);

  afterAll(() => rig?.stop());

  const newPage = (): Promise<Page> => rig.newPage();
  const stageState = (page: Page, stage: string) =>
    page.locator(`[data-stage="${stage}"]`).getAttribute('data-state');

  it('signs in, submits, shows stages live, approves the PRD gate and sees the project complete', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, keys.approver);
    await page.getByText('Role:').waitFor();
    expect(await page.locator('.role').textContent()).toContain('approver');
    await page.getByRole('heading', { name: 'Waiting for review' }).waitFor();
    await snap(page, '01-inbox');

    await page.getByRole('link', { name: 'New project' }).click();
    await submitNewProject(page, {
      name: 'Bike rental (console)',
      requirements:
        'A bike rental web app: riders book bikes by the hour, pay by card and get reminders.',
      screenshot: '02-new-project',
    });

    // The project page follows the SSE stream: the PRD stage arrives and finishes without a reload.
    await page.locator('[data-stage="prd"][data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await page.getByText('Live').first().waitFor();
    const review = page.getByRole('link', { name: 'Review and decide' });
    await review.waitFor({ timeout: 60_000 });
    await snap(page, '03-project-at-gate');
    expect(await stageState(page, 'feature_tree')).toBe('pending');

    await review.click();
    await page.getByRole('heading', { name: /^prd v1/ }).waitFor();
    await page.locator('article.markdown, article.structured').first().waitFor();
    await snap(page, '04-gate-review');
    await page.getByLabel('Approve').check();
    await page.getByRole('button', { name: 'Send decision' }).click();
    await page.getByText('Decision sent: approve.').waitFor();

    await page.getByRole('link', { name: /Bike rental \(console\)/ }).click();
    await page.locator('.title-row .badge-completed').waitFor({ timeout: 90_000 });
    for (const stage of ['qa', 'security', 'documentation', 'support', 'delivery']) {
      expect({ stage, state: await stageState(page, stage) }).toEqual({
        stage,
        state: 'succeeded',
      });
    }
    expect(await page.locator('.step.parallel').count()).toBeGreaterThanOrEqual(1);
    await snap(page, '05-project-completed');

    await page.getByRole('link', { name: 'Artifact v1' }).first().click();
    await page.getByRole('heading', { name: 'Artifact: prd' }).waitFor();
    await page.getByLabel('Version').waitFor();
    await snap(page, '06-artifact');

    // Diagrams: mermaid loads as its own chunk when an artifact has one. The offline generator's
    // feature-tree "mermaid" field is filler text, so its source stays, with a note; a PRD with a
    // real diagram (the gateway's answer rewritten in the browser) is drawn as an image.
    const projectUrl = page.url().replace(/\/artifacts\/prd.*$/, '');
    await page.goto(`${projectUrl}/artifacts/feature_tree`);
    await page.getByText('This diagram could not be drawn').waitFor({ timeout: 30_000 });
    await page.route('**/v1/projects/*/artifacts/prd', async (route) => {
      const answer = await route.fetch();
      const artifact = { ...((await answer.json()) as object), body: PRD_WITH_DIAGRAM };
      await route.fulfill({ response: answer, json: artifact });
    });
    await page.goto(`${projectUrl}/artifacts/prd`);
    await page.locator('figure.mermaid-diagram.drawn img').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('img', { name: 'Diagram: graph TD' }).count()).toBe(1);
    await snap(page, '06a-artifact-diagram');
    await page.unroute('**/v1/projects/*/artifacts/prd');

    // Restart from architecture (behind a confirmation): it runs again, earlier stages are kept.
    await page.goto(projectUrl);
    await page.getByLabel('Restart from').selectOption('architecture');
    await page.getByRole('button', { name: 'Restart', exact: true }).click();
    await page.getByRole('button', { name: 'Restart from architecture' }).click();
    await page.getByText('Restart from architecture: accepted.').waitFor();
    await page
      .locator('[data-stage="architecture"]')
      .getByText('attempt 2')
      .waitFor({ timeout: 60_000 });
    await page.locator('.title-row .badge-completed').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-stage="prd"]').textContent()).toContain('attempt 1');
    await snap(page, '06b-project-restarted');

    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'Bike rental (console)' }).waitFor();
    await snap(page, '07-projects');
  }, 120_000); // a whole project twice (the restart), on a shared machine

  it('shows a viewer the open gate without a decision form, and the gateway refuses its decision', async () => {
    const id = await submitProject(stack, {
      name: 'Viewer check',
      requirements: 'A to-do list app with reminders.',
    });
    waitingProjectId = id;

    const page = await newPage();
    await signIn(page, consoleUrl, keys.viewer);
    expect(await page.locator('.role').textContent()).toContain('viewer');
    expect(await page.getByRole('link', { name: 'New project' }).count()).toBe(0);
    await page.goto(`${consoleUrl}#/projects/${id}`);
    await page.getByRole('link', { name: 'View the gate' }).click({ timeout: 60_000 });
    await page.getByText('Your role (viewer) can read this gate but not decide it').waitFor();
    expect(await page.getByRole('button', { name: 'Send decision' }).count()).toBe(0);
    await snap(page, '08-viewer-gate');

    const refused = await callGateway(
      stack,
      keys.viewer,
      `/v1/projects/${id}/approvals/prd_approval`,
      {
        method: 'POST',
        json: { decision: 'approve' },
      },
    );
    expect(refused.status).toBe(403);
  });

  it('at phone width and by keyboard only: requests changes, reconnects after losing the gateway, cancels', async () => {
    // The browser reaches the gateway through a TCP gate the test cuts: to the page, a gateway that
    // went away (connections reset, then refused) and came back on the same address.
    const gate = tcpGate(await freePort(), {
      host: '127.0.0.1',
      port: Number(new URL(stack.gatewayUrl).port),
    });
    await gate.open();
    const gatedConsole = `http://127.0.0.1:${gate.port}/console/`;
    try {
      const page = await (
        await browser.newContext({ viewport: { width: 390, height: 844 } })
      ).newPage();
      await signIn(page, gatedConsole, keys.approver);
      await page.getByRole('heading', { name: 'Waiting for review' }).waitFor();
      await snap(page, '09-phone-inbox');
      await page.goto(`${gatedConsole}#/projects/${waitingProjectId}/gates/prd_approval`);
      await page.getByRole('heading', { name: /^prd v1/ }).waitFor();

      // Tab to the decision, arrow to "Request changes", arrow the section to the PRD's second
      // heading, type the comment, send with Enter.
      await tabUntil(page, (el) => el.getAttribute('value') === 'approve');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByLabel('Request changes').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('section');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const section = await page.locator('#section').inputValue();
      expect(section).not.toBe('');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Add a section on bike maintenance.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText(`Decision sent: request changes (on section “${section}”).`).waitFor();
      await snap(page, '10-phone-gate-request-changes');
      // Recorded with its anchor: the gate shows it, the API holds it in a parseable first line.
      const gates = await jsonOf<{ gates: { attempt: number; comment: string | null }[] }>(
        callGateway(stack, keys.approver, `/v1/projects/${waitingProjectId}`),
        200,
      );
      expect(gates.gates.find((g) => g.attempt === 1)?.comment).toBe(
        `[section: ${section}]\nAdd a section on bike maintenance.`,
      );

      // The PRD is redone: the gate opens again on v2, and the diff from v1 opens by keyboard.
      await page.getByText('Attempt 2 · waiting for a decision').waitFor({ timeout: 60_000 });
      await tabUntil(page, (el) => el.textContent === 'Show changes since v1');
      await page.keyboard.press('Enter');
      await page.getByRole('figure', { name: 'Changes from v1 to v2' }).waitFor();
      await snap(page, '10a-phone-gate-diff');

      // The live view loses the gateway, says so, and follows the project again when it is back.
      await page.goto(`${gatedConsole}#/projects/${waitingProjectId}`);
      await page.getByText('Live', { exact: true }).waitFor();
      await gate.cut();
      await page.getByText('Connection lost: reconnecting…').waitFor();
      await snap(page, '11-phone-reconnecting');
      await gate.open();
      await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });

      // Cancel by keyboard: the dialog opens on "Keep it"; the next Tab is the confirm button.
      await tabUntil(page, (el) => el.textContent === 'Cancel project');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
      await snap(page, '12-phone-cancel-dialog');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText('Cancel: accepted.').waitFor();
      await page.locator('.title-row .badge-cancelled').waitFor({ timeout: 60_000 });
      await snap(page, '13-phone-project-cancelled');
    } finally {
      await gate.cut();
    }
  }, 120_000);

  it('raises the budget at a budget_exceeded gate', async () => {
    const id = await submitProject(stack, {
      name: 'Budget check',
      requirements: 'A recipe sharing site with shopping lists.',
      options: { gates: { prd_approval: false }, budget: { maxTokens: 5_000 } },
    });

    const page = await newPage();
    await signIn(page, consoleUrl, keys.approver);
    await page.getByText('Role:').waitFor();
    // The page follows the project until the gate opens (no reload).
    await page.goto(`${consoleUrl}#/projects/${id}/gates/budget_exceeded`);
    await page.getByText('waiting for a decision').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-budget-used]').textContent()).toMatch(/ of 5,000\b/);
    await page.getByLabel('Max tokens').fill('10000000');
    await snap(page, '17-budget-gate');
    await page.getByRole('button', { name: 'Send decision' }).click();
    await page.getByText('Decision sent: approve.').waitFor();
    // The orchestrator applies it when it takes the decision.
    await eventually(
      async () => {
        const detail = await jsonOf<{ budget: { maxTokens: number | null } }>(
          callGateway(stack, keys.approver, `/v1/projects/${id}`),
          200,
        );
        expect(detail.budget.maxTokens).toBe(10_000_000);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('searches memory and lists skills; an admin sees the skills actions, a viewer none', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, stack.apiKey); // the bootstrap admin key
    await page.getByText('Role:').waitFor();
    expect(await page.locator('.role').textContent()).toContain('admin');

    await page.getByRole('link', { name: 'Memory' }).click();
    await page
      .getByLabel('Find patterns like')
      .fill('subscription plans for a multi-tenant web product');
    await page.getByLabel('Type', { exact: true }).selectOption('template');
    const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
    for (let tries = 0; (await hits.count()) === 0; tries++) {
      expect(tries).toBeLessThan(15); // memory loads its templates at start: at most ~30 s
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
      if ((await hits.count()) === 0) await page.waitForTimeout(2000);
    }
    expect(await hits.first().textContent()).toContain('template-web-saas');
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    await snap(page, '14-memory-search');

    await page.getByRole('link', { name: 'Skills' }).click();
    await page.locator('[data-skill="security-owasp"]').waitFor({ timeout: 30_000 });
    await page.getByLabel('Agent').selectOption('security');
    // The agent's rules reload after the change (the form is gone while they do): wait for them.
    await page.getByRole('button', { name: 'Save skills of security' }).waitFor();
    await page.locator('[data-agent-skills="security"]').waitFor();
    expect(await page.getByRole('button', { name: 'Install', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save skills of security' }).count()).toBe(1);
    await snap(page, '15-skills-admin');

    const viewer = await newPage();
    await signIn(viewer, consoleUrl, keys.viewer);
    await viewer.getByText('Role:').waitFor();
    await viewer.getByRole('link', { name: 'Skills' }).click();
    await viewer.locator('[data-skill="security-owasp"]').waitFor({ timeout: 30_000 });
    await viewer.getByText('an admin changes these').waitFor();
    expect(await viewer.getByRole('button', { name: 'Install', exact: true }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /^Save skills/ }).count()).toBe(0);
    await snap(viewer, '16-skills-viewer');
  });

  it('shows a refused key as the problem title and what to do next', async () => {
    const page = await newPage();
    await signIn(page, consoleUrl, 'abk_not-a-real-key');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Sign in again with a valid API key.');
  });
});
