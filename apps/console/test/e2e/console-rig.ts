import { startStack, testNamespace, type Stack } from '@agentbus/testing';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser';

/** A spec's own built stack and browser, and the console's URL on it. */
export interface ConsoleRig {
  readonly stack: Stack;
  readonly browser: Browser;
  readonly consoleUrl: string;
  /** A desktop-sized page in a fresh context (its own sessionStorage). */
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

/** Starts the stack (every model answer delayed `latencyMs`, offline) and Chromium together. */
export async function startConsoleRig(latencyMs: number): Promise<ConsoleRig> {
  const [stack, browser] = await Promise.all([
    startStack(testNamespace(), {
      'cpu-agent-worker': { LLM_OFFLINE_LATENCY_MS: String(latencyMs) },
    }),
    launchChromium(),
  ]);
  return {
    stack,
    browser,
    consoleUrl: `${stack.gatewayUrl}/console/`,
    newPage: async () =>
      (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage(),
    async stop() {
      await browser.close();
      await stack.stop();
    },
  };
}
