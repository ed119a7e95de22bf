/**
 * The dashboard in real Chromium against the real core (SQLite in a temp folder), with Anthropic
 * mocked on loopback. Each scenario checks what a user sees, and that the console stays clean.
 */
import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../src-renderer/format.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { assistantLine, claudeConfigDir } from '../helpers/claude-transcripts.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { chromiumAvailable, ConsoleWatch, launchChromium, screenshot } from './browser.js';

const BUDGET = 'team-agents';
// Large enough that every request costs whole cents: $0.12 on Sonnet 4.6, $0.04 on Haiku 4.5.
const USAGE = { input_tokens: 20_000, output_tokens: 4_000 };

describe.skipIf(!chromiumAvailable())('dashboard in Chromium', () => {
  let mock: MockAnthropic;
  let env: TestCore;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleWatch: ConsoleWatch;
  let webhookReceiver: Server;
  let coreStopped = false;
  const webhookBodies: { event: string }[] = [];
  const claude = claudeConfigDir();

  const sdk = () => new Anthropic({ apiKey: 'sk-ant-test', baseURL: env.base, maxRetries: 0, defaultHeaders: { 'X-Budget-Id': BUDGET } });
  const ask = (model: string, stream = false) =>
    stream
      ? sdk().messages.stream({ model, max_tokens: 4096, messages: [{ role: 'user', content: 'Hello' }] }).finalMessage()
      : sdk().messages.create({ model, max_tokens: 4096, messages: [{ role: 'user', content: 'Hello' }] });
  const budget = async () => (await env.api('GET', `/budgets/${BUDGET}`)).body;
  /** Waits until an element with exactly this text is on screen. */
  const seeText = (text: string, scope = page.locator('body')) =>
    scope.getByText(text, { exact: true }).first().waitFor();
  const openView = async (name: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };

  beforeAll(async () => {
    // The core serves whatever is in dist/renderer: build it from the current sources first.
    // Over the old build, not after emptying it: other suites may be loading the dashboard from it meanwhile.
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { emptyOutDir: false } });
    webhookReceiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        webhookBodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => webhookReceiver.listen(0, '127.0.0.1', resolve));
    mock = await startMockAnthropic();
    mock.scenario = { kind: 'ok', usage: USAGE };
    env = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url, CLAUDE_CONFIG_DIR: claude.dir, AGENT_BUDGET_CLAUDE_LOGS: '1' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    consoleWatch = new ConsoleWatch(page);
  });

  afterAll(async () => {
    await browser?.close();
    if (env && !coreStopped) await env.close();
    await mock?.close();
    webhookReceiver?.closeAllConnections();
    await new Promise((resolve) => webhookReceiver?.close(resolve));
  });

  afterEach(() => {
    expect(consoleWatch.take()).toEqual([]);
  });

  it('opens with the token from the fragment, keeps it out of the address bar, and shows the default budget', async () => {
    await page.goto(`${env.base}/#token=${env.core.adminToken}`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('article', { name: 'default' }).waitFor();
    expect(page.url()).not.toContain(env.core.adminToken);
    expect(await page.evaluate(() => localStorage.getItem('agent-budget.admin-token'))).toBe(env.core.adminToken);
  });

  it('creates a budget through the form, with the API validation message next to a bad cap', async () => {
    await page.getByRole('link', { name: 'New budget' }).click();
    await page.getByLabel('Name').fill(BUDGET);
    await page.getByLabel('Cap (USD)').fill('-5');
    await page.getByRole('button', { name: 'Create budget' }).click();
    const cap = page.getByLabel('Cap (USD)');
    await page.locator('.field-invalid').filter({ has: cap }).getByText('must be greater than 0').waitFor();
    expect(await cap.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'new-budget');
    // Chromium logs the refused request itself; that one error is expected.
    expect(consoleWatch.take()).toEqual([expect.stringMatching(/status of 400/)]);

    await cap.fill('5');
    await page.getByRole('button', { name: 'Create budget' }).click();
    await page.getByRole('heading', { level: 1, name: BUDGET }).waitFor();
    expect((await budget()).max_dollars).toBe(5);
    await seeText('No spend in this range');
  });

  it('shows spend, charts and requests live as proxied requests settle, without reloading', async () => {
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await ask('claude-sonnet-4-6');
    await ask('claude-sonnet-4-6', true);
    await ask('claude-haiku-4-5');
    const spent = (await budget()).spent_dollars;
    expect(spent).toBeGreaterThan(0.01);

    await seeText(money(spent), page.getByRole('region', { name: 'Current period' }));
    await seeText('1–3 of 3');
    await page.getByTestId('spend-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('tokens-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByRole('table', { name: 'Spend by model' }).getByText('claude-haiku-4-5').waitFor();
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await screenshot(page, 'budget-detail');
  });

  it('sets a webhook in the edit form and sends it a test payload', async () => {
    const settings = page.getByRole('region', { name: 'Settings' });
    const { port } = webhookReceiver.address() as AddressInfo;
    await settings.getByLabel('Alert webhook URL').fill(`http://127.0.0.1:${port}/hooks/secret-path`);
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await seeText('Saved.');
    await settings.getByText(`Current: http://127.0.0.1:${port}/••••. Type a new URL to replace it.`).waitFor();
    await settings.getByRole('button', { name: 'Send test webhook' }).click();
    await seeText('Delivered (HTTP 200)', settings);
    expect(webhookBodies.map((body) => body.event)).toEqual(['test']);
  });

  it('blocks requests once the cap is lowered below the next request, and shows the block', async () => {
    const cap = (Math.ceil((await budget()).spent_dollars * 100) + 2) / 100;
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel('Cap (USD)').fill(String(cap));
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await seeText('Saved.');
    expect((await budget()).max_dollars).toBe(cap);
    await seeText(`of ${money(cap)}`, page.getByRole('region', { name: 'Current period' }));

    const refused = await ask('claude-sonnet-4-6').then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(Anthropic.APIError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).status).toBe(402);
    await page.getByRole('table', { name: 'Usage records' }).getByText('blocked', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Alerts' }).getByText('100%', { exact: true }).waitFor();

    await openView('Overview');
    await page.getByRole('table', { name: 'Recently blocked requests' }).getByRole('link', { name: BUDGET }).waitFor();
    const bar = page.getByRole('article', { name: BUDGET }).getByRole('progressbar');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(80);
    await screenshot(page, 'overview');
  });

  it('lists alerts across budgets, and setup snippets with the real port', async () => {
    await openView('Alerts');
    const alert = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: BUDGET }) }).filter({ hasText: '100%' });
    await alert.getByText('delivered (200)').waitFor();
    await screenshot(page, 'alerts');

    await openView('Setup');
    await page.getByText(`export ANTHROPIC_BASE_URL=http://127.0.0.1:${env.core.port}/agent-budget`).waitFor();
    await page.getByLabel('Budget').selectOption(BUDGET);
    await page.getByText(`${env.base}/b/${BUDGET}`, { exact: true }).waitFor();
    await screenshot(page, 'setup');
  });

  it('puts a Claude Code project on a budget from the Setup view, and shows its sessions on the budget', async () => {
    const project = mkdtempSync(join(tmpdir(), 'agent-budget-ui-project-'));
    const form = page.getByRole('form', { name: 'Claude Code project setup' });
    await form.getByLabel('Project folder').fill('not/absolute');
    await form.getByRole('button', { name: 'Write .claude/settings.local.json' }).click();
    await seeText('must be an absolute path', form);
    expect(consoleWatch.take()).toEqual([expect.stringMatching(/status of 400/)]);
    await form.getByLabel('Project folder').fill(project);
    await form.getByRole('button', { name: 'Write .claude/settings.local.json' }).click();
    await form.getByRole('status').getByText(`now uses budget '${BUDGET}'`, { exact: false }).waitFor();
    const written = JSON.parse(readFileSync(join(project, '.claude', 'settings.local.json'), 'utf8'));
    expect(written.env).toEqual({ ANTHROPIC_BASE_URL: env.base, ANTHROPIC_CUSTOM_HEADERS: `X-Budget-Id: ${BUDGET}` });

    const session = 'c0ffee00-1234-4321-8888-000000000001';
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: env.base, maxRetries: 0, defaultHeaders: { 'x-claude-code-session-id': session } });
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 4096, messages: [{ role: 'user', content: 'Hello' }] });
    await page.goto(`${env.base}/#/budgets/default`);
    const sessions = page.getByRole('table', { name: 'Spend by Claude Code session' });
    await sessions.getByText(session.slice(0, 8), { exact: true }).waitFor();
    await seeText(money(0.04), sessions);
  });

  it('puts Codex CLI on a budget from the Setup view, keeping the rest of its config.toml, and undoes it', async () => {
    const codexHome = mkdtempSync(join(tmpdir(), 'agent-budget-ui-codex-'));
    const original = '# mine\nmodel = "gpt-6.1-sol"  # keep\n';
    writeFileSync(join(codexHome, 'config.toml'), original);
    await openView('Setup');
    await page.getByLabel('Budget').selectOption(BUDGET);
    const form = page.getByRole('form', { name: 'Codex setup' });
    await form.getByLabel('Codex folder (optional)').fill('relative/codex');
    await form.getByRole('button', { name: 'Write config.toml' }).click();
    await seeText('must be an absolute path', form);
    expect(consoleWatch.take()).toEqual([expect.stringMatching(/status of 400/)]);
    await form.getByLabel('Codex folder (optional)').fill(codexHome);
    await form.getByRole('button', { name: 'Write config.toml' }).click();
    await form.getByRole('status').getByText(`Codex now uses budget '${BUDGET}' through ${env.base}/b/${BUDGET}/openai/v1`, { exact: false }).waitFor();
    const written = readFileSync(join(codexHome, 'config.toml'), 'utf8');
    expect(written).toContain('model = "gpt-6.1-sol"  # keep');
    expect(written).toContain(`base_url = "${env.base}/b/${BUDGET}/openai/v1"`);
    await form.getByRole('button', { name: 'Undo' }).click();
    await form.getByRole('status').getByText('restored', { exact: false }).waitFor();
    expect(readFileSync(join(codexHome, 'config.toml'), 'utf8')).toBe(original);
  });

  it("shows Claude Code's logged sessions by project and 5-hour window in the Agents view, updating live as a session writes", async () => {
    const line = (n: number) =>
      assistantLine({ messageId: `msg_ui_${n}`, requestId: `req_ui_${n}`, sessionId: 'feedbeef-0000-4000-8000-000000000001', cwd: '/home/dev/shop', output: 2_000, time: new Date().toISOString() });
    claude.append('-home-dev-shop/feedbeef.jsonl', line(1));
    await openView('Agents');
    const projects = page.getByRole('table', { name: 'Spend by project' });
    const shop = projects.getByRole('row').filter({ hasText: 'shop' });
    // 2,000 output tokens of Sonnet 4.5 at $15 per million.
    await seeText(money(0.03), shop);
    await page.getByRole('status').getByText(/^This window: \$0\.03 API-equivalent over 1 requests/).waitFor();
    // A budget watching the project counts what the session writes from now on, marked API-equivalent.
    await env.api('POST', '/budgets', { name: 'shop-watch', max_dollars: 1, watch_project: '/home/dev/shop' });
    claude.append('-home-dev-shop/feedbeef.jsonl', line(2));
    await seeText(money(0.06), shop);
    await shop.getByRole('button', { name: 'shop' }).click();
    const sessions = page.getByRole('table', { name: 'Spend by session' });
    await sessions.getByText('feedbeef', { exact: true }).waitFor();
    expect(consoleWatch.take()).toEqual([]);
    await page.goto(`${env.base}/#/budgets/shop-watch`);
    await page.getByText(/also watches Claude Code in/).waitFor();
    const usage = page.getByRole('row').filter({ hasText: 'from Claude Code logs' });
    await seeText('API-equivalent', usage);
  });

  it('changes the core settings, with the API validation message next to a bad field', async () => {
    await openView('Settings');
    const form = page.getByRole('form', { name: 'Core settings' });
    await form.getByLabel('Keep request records (days)').fill('0');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await seeText('must be at least 1 day', form);
    expect(consoleWatch.take()).toEqual([expect.stringMatching(/status of 400/)]);
    await form.getByLabel('Keep request records (days)').fill('30');
    await form.getByLabel('Global cap (USD)').fill('250');
    await form.getByLabel('Browser origins allowed to use the proxy').fill('http://localhost:3000');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const { body } = await env.api('GET', '/settings');
    expect(body).toMatchObject({ retention_days: 30, global_max_dollars: 250, allowed_origins: ['http://localhost:3000'] });
    await screenshot(page, 'settings');
    await env.api('PUT', '/settings', { global_max_dollars: null, allowed_origins: [] });
  });

  it('edits a model price', async () => {
    await openView('Pricing');
    await page.getByRole('button', { name: 'Edit claude-haiku-4-5 prices' }).click();
    await page.getByLabel('Input price per million tokens for claude-haiku-4-5').fill('1.25');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^claude-haiku-4-5\b/ }) });
    await seeText('$1.25', row);
    const { body } = await env.api('GET', '/pricing');
    expect(body.models.find((m: { model: string }) => m.model === 'claude-haiku-4-5').input_per_mtok).toBe(1.25);
    await page.getByText(/^Dollars per million tokens\. Last changed /).waitFor();
    await screenshot(page, 'pricing');
  });

  it('asks for the admin token when a change is refused, then pauses and resumes the proxy', async () => {
    await page.evaluate(() => localStorage.removeItem('agent-budget.admin-token'));
    await page.getByRole('button', { name: 'Pause proxy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enter admin token' });
    await dialog.getByLabel('Admin token').fill(env.core.adminToken);
    await dialog.getByRole('button', { name: 'Save token' }).click();
    await page.getByRole('button', { name: 'Resume proxy' }).waitFor();
    await page.getByText(/^Paused: every metered request is refused/).waitFor();
    expect(env.core.isPaused()).toBe(true);
    expect(consoleWatch.take()).toEqual([expect.stringMatching(/status of 401/)]);

    await page.getByRole('button', { name: 'Resume proxy' }).click();
    await page.getByRole('button', { name: 'Pause proxy' }).waitFor();
    expect(env.core.isPaused()).toBe(false);
  });

  it('follows the system dark theme', async () => {
    const dark = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
    const darkPage = await dark.newPage();
    const watch = new ConsoleWatch(darkPage);
    await darkPage.goto(`${env.base}/#/`);
    await darkPage.getByRole('article', { name: BUDGET }).waitFor();
    const background = await darkPage.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(14, 17, 23)');
    await screenshot(darkPage, 'overview-dark');
    expect(watch.take()).toEqual([]);
    await dark.close();
  });

  it('deletes a budget after confirmation', async () => {
    await openView('Overview');
    await page.getByRole('article', { name: BUDGET }).getByRole('link', { name: BUDGET }).click();
    await page.getByRole('button', { name: 'Delete budget' }).click();
    await page.getByRole('dialog', { name: `Delete ${BUDGET}?` }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('article', { name: 'default' }).waitFor();
    expect(await page.getByRole('article', { name: BUDGET }).count()).toBe(0);
    expect((await env.api('GET', `/budgets/${BUDGET}`)).status).toBe(404);
  });

  it('says the core is unreachable when it stops, instead of showing stale numbers silently', async () => {
    await env.close();
    coreStopped = true;
    await page.getByRole('alert').filter({ hasText: 'Core unreachable, retrying…' }).first().waitFor();
    // Chromium reports each refused reconnection attempt in the console; those are the only errors.
    expect(consoleWatch.take().every((error) => /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to load resource/.test(error))).toBe(true);
  });
});
