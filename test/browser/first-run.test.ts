/**
 * The first run in real Chromium, from a fresh data folder to a protected agent: the built app
 * (`serve`) on a machine stood in for by a temporary home with Claude Code's, Codex's and Gemini's
 * folders; the walkthrough creates the first budget and sets Claude Code up in one click; then the
 * real Claude Code CLI, configured by nothing but the settings file the click wrote, makes a request
 * that is metered under the new budget.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { startServe, TEST_ADMIN_TOKEN, type ServeProcess } from '../helpers/serve-process.js';
import { waitFor } from '../helpers/wait.js';
import { chromiumAvailable, ConsoleWatch, launchChromium, screenshot } from './browser.js';

const CLAUDE = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'claude');

/** The real CLI with only what a person's shell has: its home (holding the settings the first run wrote) and an API key. */
function runClaude(home: string, prompt: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: home, USERPROFILE: home, ANTHROPIC_API_KEY: 'sk-ant-test', DISABLE_TELEMETRY: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };
  return new Promise((resolve) => {
    const child = execFile(CLAUDE, ['-p', prompt], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe.skipIf(!chromiumAvailable() || !existsSync(CLAUDE))('first run in Chromium', () => {
  let home: string;
  let dataDir: string;
  let mock: MockAnthropic;
  let app: ServeProcess;
  let browser: Browser;
  let page: Page;
  let consoleWatch: ConsoleWatch;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'agent-budget-home-'));
    for (const folder of ['.claude', '.codex', '.gemini']) mkdirSync(join(home, folder));
    dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-first-run-'));
    mock = await startMockAnthropic();
    mock.scenario = { kind: 'ok', text: 'Hello from the mock upstream.', usage: { input_tokens: 20_000, output_tokens: 4_000 } };
    // An empty PATH for the app: the agents are found by their folders in this home, nothing else.
    app = await startServe({ AGENT_BUDGET_DATA_DIR: dataDir, HOME: home, USERPROFILE: home, PATH: join(home, 'bin'), ANTHROPIC_UPSTREAM_URL: mock.url, AGENT_BUDGET_CLAUDE_LOGS: '0' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })).newPage();
    page.setDefaultTimeout(10_000);
    consoleWatch = new ConsoleWatch(page);
  });

  afterAll(async () => {
    await browser?.close();
    app?.child.kill('SIGTERM');
    await app?.exited;
    await mock?.close();
    for (const dir of [home, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('walks from a fresh data folder to a Claude Code request metered under the new budget', async () => {
    await page.goto(`${app.base}/#token=${TEST_ADMIN_TOKEN}`);
    await page.getByRole('heading', { level: 1, name: 'Welcome to agent-budget' }).waitFor();
    await page.getByText('Found Claude Code, Codex CLI, Gemini CLI.', { exact: false }).waitFor();
    const codex = page.getByRole('listitem', { name: 'Codex CLI' });
    await codex.getByRole('button', { name: 'Set up Codex CLI' }).waitFor();
    await codex.getByText(join(home, '.codex', 'config.toml'), { exact: false }).waitFor();
    await expect(codex.getByText(`${join(home, '.codex')} exists`).count()).resolves.toBe(1);

    // 1. The proposed budget, as proposed.
    await expect(page.getByLabel('Budget name').inputValue()).resolves.toBe('agents');
    await expect(page.getByLabel('Dollars per day').inputValue()).resolves.toBe('20');
    await page.getByRole('button', { name: 'Create budget' }).click();
    await page.getByText('Budget agents: $20.00 a day.', { exact: false }).waitFor();

    // 2. One click, and what it changed.
    const claude = page.getByRole('listitem', { name: 'Claude Code' });
    await claude.getByRole('button', { name: 'Set up Claude Code' }).click();
    await claude.getByText('Claude Code is on budget agents. What changed:').waitFor();
    const settingsFile = join(home, '.claude', 'settings.json');
    await claude.getByText(`Created ${settingsFile}`).waitFor();
    await screenshot(page, 'first-run');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
    expect(settings.env).toEqual({ ANTHROPIC_BASE_URL: app.base, ANTHROPIC_CUSTOM_HEADERS: 'X-Budget-Id: agents' });

    // 3. The real agent, set up by that file alone, goes through the proxy on the budget.
    const result = await runClaude(home, 'say hi');
    expect(result.stdout).toContain('Hello from the mock upstream.');
    expect(result.code).toBe(0);
    const usage = await waitFor(async () => {
      const { body } = await app.api('GET', '/budgets/agents/usage?limit=50');
      return body.items.length > 0 && body.items.every((row: { status: string }) => row.status === 'ok') ? body : undefined;
    }, 'the Claude Code requests to be metered on the budget');
    expect(usage.items[0]).toMatchObject({ auth_kind: 'api_key', session_id: expect.any(String) });
    const budget = (await app.api('GET', '/budgets/agents')).body;
    expect(budget.spent_dollars).toBeGreaterThan(0);

    // 4. Done: the dashboard opens on the budget, showing the spend; the walkthrough is over.
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'agents' }).waitFor();
    expect((await app.api('GET', '/first-run')).body.pending).toBe(false);
    await page.goto(`${app.base}/#/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(consoleWatch.take()).toEqual([]);
  });
});
