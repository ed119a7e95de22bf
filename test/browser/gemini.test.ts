/**
 * Gemini in the dashboard, in real Chromium against the real core: a project's Gemini CLI put on a
 * budget from the Setup view, the Gemini snippets with the real port, and Gemini spend named as such.
 */
import { GoogleGenAI } from '@google/genai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockGemini, type MockGemini } from '../helpers/mock-gemini.js';
import { chromiumAvailable, ConsoleWatch, launchChromium } from './browser.js';

const BUDGET = 'gemini-team';

describe.skipIf(!chromiumAvailable())('Gemini in the dashboard', () => {
  let mock: MockGemini;
  let env: TestCore;
  let browser: Browser;
  let page: Page;
  let consoleWatch: ConsoleWatch;

  beforeAll(async () => {
    // The core serves whatever is in dist/renderer: build it from the current sources first.
    await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
    mock = await startMockGemini();
    env = await startTestCore({ GEMINI_UPSTREAM_URL: mock.url });
    await env.api('POST', '/budgets', { name: BUDGET, max_dollars: 5 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    page.setDefaultTimeout(10_000);
    consoleWatch = new ConsoleWatch(page);
    await page.goto(`${env.base}/#token=${env.core.adminToken}`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    await mock?.close();
  });

  afterEach(() => {
    expect(consoleWatch.take()).toEqual([]);
  });

  it('puts a Gemini CLI project on a budget from the Setup view, next to snippets with the real port', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Setup' }).click();
    await page.getByRole('heading', { level: 1, name: 'Setup' }).waitFor();
    await page.getByLabel('Budget').selectOption(BUDGET);
    const baseUrl = `${env.base}/b/${BUDGET}/gemini`;
    await page.getByText(`GOOGLE_GEMINI_BASE_URL=${baseUrl}`, { exact: false }).first().waitFor();
    await page.getByText(`baseUrl: '${env.base}/gemini'`, { exact: false }).first().waitFor();

    const form = page.getByRole('form', { name: 'Gemini CLI project setup' });
    await form.getByLabel('Project folder').fill('not/absolute');
    await form.getByRole('button', { name: 'Write .gemini/.env' }).click();
    await form.getByText('must be an absolute path').waitFor();
    expect(consoleWatch.take()).toEqual([expect.stringMatching(/status of 400/)]);

    const project = mkdtempSync(join(tmpdir(), 'agent-budget-ui-gemini-'));
    await form.getByLabel('Project folder').fill(project);
    await form.getByRole('button', { name: 'Write .gemini/.env' }).click();
    await form.getByRole('status').getByText(`now uses budget '${BUDGET}'`, { exact: false }).waitFor();
    expect(readFileSync(join(project, '.gemini', '.env'), 'utf8')).toBe(`GOOGLE_GEMINI_BASE_URL=${baseUrl}\n`);
    await form.getByRole('button', { name: 'Undo' }).click();
    await form.getByRole('status').getByText('removed', { exact: false }).waitFor();
  });

  it('names Gemini spend as Gemini in the budget’s usage table', async () => {
    mock.scenario = { kind: 'ok', usage: { prompt: 1_000_000, candidates: 0 } };
    const ai = new GoogleGenAI({ apiKey: 'AIza-ui', httpOptions: { baseUrl: `${env.base}/b/${BUDGET}/gemini` } });
    await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    await settled(env);
    await page.goto(`${env.base}/#/budgets/${BUDGET}`);
    await page.getByRole('heading', { level: 1, name: BUDGET }).waitFor();
    // The requests table names the provider beside the model (case matters: the model id is lower case).
    await page.getByRole('row').filter({ hasText: 'gemini-2.5-flash' }).filter({ hasText: /Gemini/ }).first().waitFor();
  });
});
