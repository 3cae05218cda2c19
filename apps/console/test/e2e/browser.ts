import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); playwright's own browsers cannot be downloaded here. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where the run's screenshots go (reports/ is gitignored). */
export const SCREENSHOTS = join(__dirname, '../../../../reports/console-e2e');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** Saves a full-page screenshot of what the person sees now. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in on the console's sign-in page with `key`. */
export async function signIn(page: Page, consoleUrl: string, key: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * On the New project form: fills the name and requirements, saves a screenshot named `screenshot`,
 * submits, and waits for the project's page.
 */
export async function submitNewProject(
  page: Page,
  { name, requirements, screenshot }: { name: string; requirements: string; screenshot: string },
): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Requirements (text or markdown)').fill(requirements);
  await snap(page, screenshot);
  await page.getByRole('button', { name: 'Submit project' }).click();
  await page.getByRole('heading', { name }).waitFor();
}
