/**
 * The agents view in real Chromium against a real core holding a generated history of realistic size
 * (4 projects, 720 Claude Code sessions, ~175,000 requests over 40 days, plus some Codex): every
 * figure on screen is checked against the API's own answer for the same range, and the console stays clean.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDaily, AgentModel, AgentProject, AgentSession, AgentSummary, AgentWindows, Paged } from '../../src-shared/agent-views.js';
import type { AgentLogStatus } from '../../src-shared/agents.js';
import type { SqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { count, money } from '../../src-renderer/format.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { type HistorySession, writeHistory } from '../helpers/agent-history.js';
import { chromiumAvailable, ConsoleWatch, launchChromium, screenshot } from './browser.js';

const micros = (dollars: number) => Math.round(dollars * 1_000_000);
const TZ = 'Europe/Berlin';

describe.skipIf(!chromiumAvailable())('agents view in Chromium', () => {
  let env: TestCore;
  let browser: Browser;
  let page: Page;
  let consoleWatch: ConsoleWatch;
  let sessions: HistorySession[];
  let logStatus: AgentLogStatus;

  const get = async <T>(path: string): Promise<T> => {
    const { status, body } = await env.api<T>('GET', `/agents/${path}${path.includes('?') ? '&' : '?'}tz=${TZ}`);
    expect(status).toBe(200);
    return body;
  };
  const seeText = (text: string | RegExp, scope = page.locator('body')) => scope.getByText(text, { exact: true }).first().waitFor();
  const region = (name: string) => page.getByRole('region', { name });
  const chooseRange = (name: string) => page.getByRole('group', { name: 'Range' }).getByRole('button', { name, exact: true }).click();
  const firstCells = async (table: string) => (await page.getByRole('table', { name: table }).locator('tbody tr').first().locator('td').allInnerTexts()).map((t) => t.trim());

  /** GET /api/agents/:agent/status belongs to the log import (issue 21); until it is served, its shape is answered here: a change 2 minutes ago. */
  const answerStatus = (route: Route) => route.fulfill({ json: { ...logStatus, last_import_at: Date.now() - 120_000, last_change_at: Date.now() - 120_000 } });

  beforeAll(async () => {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
    env = await startTestCore();
    const now = Date.now();
    sessions = await writeHistory(env.core.store, { sessions: 720, requestsPerSession: 244, days: 40, now, seed: 11 });
    await writeHistory(env.core.store, { source: 'codex-logs', sessions: 40, requestsPerSession: 60, days: 20, now, seed: 12 });
    // The titles Claude Code's logs give sessions, where the log import (issue 21) records them.
    const { db } = env.core.store as SqliteStore;
    db.exec('CREATE TABLE IF NOT EXISTS agent_sessions (agent TEXT NOT NULL, session_id TEXT NOT NULL, title TEXT, project TEXT, first_at BIGINT, last_at BIGINT, PRIMARY KEY (agent, session_id))');
    const title = db.prepare('INSERT INTO agent_sessions (agent, session_id, title, project) VALUES (?, ?, ?, ?)');
    db.transaction(() => sessions.forEach((s) => title.run('claude-code', s.id, s.title, s.project)))();

    const all = (await env.api<AgentSummary>('GET', '/agents/claude-code/summary?range=all')).body;
    logStatus = {
      agent: 'claude-code', roots: ['/Users/maria/.claude/projects'], state: 'watching', files: 720, files_read: 720, bytes_total: 0, bytes_read: 0,
      requests: all.totals.requests, requests_this_pass: 0, malformed_lines: 0, unpriced_models: [], last_import_at: null, last_change_at: null,
    };
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', timezoneId: TZ });
    await context.route('**/api/agents/*/status', answerStatus);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    consoleWatch = new ConsoleWatch(page);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  afterEach(() => {
    expect(consoleWatch.take()).toEqual([]);
  });

  it('opens from the old Claude Code address with the range\'s totals, chart, projects and status', async () => {
    await page.goto(`${env.base}/#/claude-code`);
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/agents/claude-code');
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '30 days', pressed: true }).waitFor();
    await seeText(`${count(logStatus.requests)} requests from 720 files; watching; last change 2 min ago`, page.getByTestId('import-status'));
    const summary = await get<AgentSummary>('claude-code/summary?range=30d');
    await seeText(money(summary.totals.cost_dollars), region('Cost'));
    await seeText(count(summary.totals.sessions), region('Sessions'));
    await page.getByTestId('agent-daily-chart').getByText(`${money(summary.totals.cost_dollars)} over`, { exact: false }).waitFor();
    const projects = await get<Paged<AgentProject>>('claude-code/projects?range=30d&limit=8');
    expect(await firstCells('Spend by project')).toEqual([expect.stringContaining(projects.items[0].label.split('/').at(-1)!), expect.any(String), count(projects.items[0].requests), money(projects.items[0].cost_dollars)]);
    await screenshot(page, 'agents');
  });

  it('makes every part follow the range control', async () => {
    for (const [name, range] of [['Today', 'today'], ['7 days', '7d'], ['This month', 'month'], ['All time', 'all'], ['90 days', '90d']] as const) {
      await chooseRange(name);
      const [summary, daily, sessionsPage, models, windows] = await Promise.all([
        get<AgentSummary>(`claude-code/summary?range=${range}`), get<AgentDaily>(`claude-code/daily?range=${range}&group=project`),
        get<Paged<AgentSession>>(`claude-code/sessions?range=${range}&limit=15`), get<Paged<AgentModel>>(`claude-code/models?range=${range}&limit=10`),
        get<AgentWindows>(`claude-code/windows?range=${range}`),
      ]);
      await seeText(money(summary.totals.cost_dollars), region('Cost'));
      if (summary.totals.requests === 0) continue;
      // The chart's bars add up to the range's total.
      expect(daily.points.reduce((sum, p) => sum + micros(p.cost_dollars), 0)).toBe(micros(summary.totals.cost_dollars));
      await page.getByTestId('agent-daily-chart').getByText(`${money(summary.totals.cost_dollars)} over ${count(new Set(daily.points.map((p) => p.start)).size)} active days, by project`).waitFor();
      expect(await page.getByTestId('agent-daily-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
      if (sessionsPage.total > 15) await seeText(`1–15 of ${count(sessionsPage.total)}`, page.getByRole('navigation', { name: 'Session pages' }));
      expect((await firstCells('Spend by session')).at(-1)).toBe(money(sessionsPage.items[0].cost_dollars));
      expect((await firstCells('Spend by model')).at(-1)).toBe(money(models.items[0].cost_dollars));
      await page.getByTestId('agent-windows-chart').getByText(`${count(windows.windows.length)} windows;`, { exact: false }).waitFor();
    }
  }, 120_000);

  it('stacks the days by model when asked', async () => {
    await page.getByRole('group', { name: 'Stack by' }).getByRole('button', { name: 'By model' }).click();
    const daily = await get<AgentDaily>('claude-code/daily?range=90d&group=model');
    const chart = page.getByTestId('agent-daily-chart');
    await chart.getByText(/by model$/).waitFor();
    for (const key of daily.keys) await chart.locator('.recharts-legend-item-text').getByText(key.label, { exact: true }).waitFor();
    await page.getByRole('group', { name: 'Stack by' }).getByRole('button', { name: 'By project' }).click();
    await chart.getByText(/by project$/).waitFor();
  });

  it('pages and sorts sessions on the server', async () => {
    const pager = page.getByRole('navigation', { name: 'Session pages' });
    const first = await get<Paged<AgentSession>>('claude-code/sessions?range=90d&limit=15');
    await pager.getByRole('button', { name: 'Next' }).click();
    await seeText(`16–30 of ${count(first.total)}`, pager);
    const second = await get<Paged<AgentSession>>('claude-code/sessions?range=90d&limit=15&offset=15');
    const table = page.getByRole('table', { name: 'Spend by session' });
    await table.getByRole('button', { name: second.items[0].label, exact: true }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(15);

    await table.getByRole('button', { name: 'Requests' }).click();
    const busiest = await get<Paged<AgentSession>>('claude-code/sessions?range=90d&limit=15&sort=requests');
    await seeText(`1–15 of ${count(first.total)}`, pager);
    await table.getByRole('button', { name: busiest.items[0].label, exact: true }).waitFor();
    expect(await table.getByRole('columnheader', { name: 'Requests' }).getAttribute('aria-sort')).toBe('descending');
    await table.getByRole('button', { name: 'First activity' }).click();
    await table.getByRole('button', { name: 'First activity' }).click();
    const oldest = await get<Paged<AgentSession>>('claude-code/sessions?range=90d&limit=15&sort=first_at&order=asc');
    await table.getByRole('button', { name: oldest.items[0].label, exact: true }).waitFor();
    expect(await table.getByRole('columnheader', { name: 'First activity' }).getAttribute('aria-sort')).toBe('ascending');
    await table.getByRole('button', { name: 'Cost' }).click();
  });

  it("finds a project's most expensive session in two clicks", async () => {
    const projects = await get<Paged<AgentProject>>('claude-code/projects?range=90d&limit=8');
    const dearest = projects.items[0];
    await page.getByRole('table', { name: 'Spend by project' }).getByRole('button', { name: dearest.label.split('/').at(-1), exact: true }).click();
    await page.getByRole('heading', { name: `Sessions in ${dearest.label.split('/').at(-1)}` }).waitFor();
    const top = (await get<Paged<AgentSession>>(`claude-code/sessions?range=90d&limit=1&project=${encodeURIComponent(dearest.key)}`)).items[0];
    expect(sessions.find((s) => s.id === top.session_id)?.project).toBe(dearest.key);
    const table = page.getByRole('table', { name: 'Spend by session' });
    await table.locator('tbody tr').first().getByRole('button', { name: top.label, exact: true }).click();
    await table.getByText(top.session_id, { exact: true }).waitFor();
    expect((await firstCells('Spend by session')).at(-1)).toBe(money(top.cost_dollars));
    await screenshot(page, 'agents-project-sessions');
  });

  it('exports what the view shows, with the same figures as the API', async () => {
    const link = page.getByRole('link', { name: 'Export sessions as CSV' });
    const href = await link.getAttribute('href');
    const csv = await (await fetch(new URL(href!, `${env.base}/`))).text();
    const query = new URL(href!, `${env.base}/`).search.replace('&format=csv', '');
    const json = (await env.api<Paged<AgentSession>>('GET', `/agents/claude-code/sessions${query}`)).body;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines.length).toBe(json.total + 1);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(json.items.map((s) => s.session_id));
    expect(lines.slice(1).reduce((sum, line) => sum + micros(Number(line.match(/^[^,]*,(?:"[^"]*"|[^,]*),[^,]*,\d+,([\d.]+),/)![1])), 0))
      .toBe(json.items.reduce((sum, s) => sum + micros(s.cost_dollars), 0));
    const summaryHref = await page.getByRole('link', { name: 'Export summary as JSON' }).getAttribute('href');
    const exported = (await (await fetch(new URL(summaryHref!, `${env.base}/`))).json()) as AgentSummary;
    expect(exported.totals.cost_dollars).toBe((await get<AgentSummary>('claude-code/summary?range=90d')).totals.cost_dollars);
  });

  it('shows progress while the logs are read', async () => {
    logStatus = { ...logStatus, state: 'reading', files_read: 312, bytes_total: 485_000_000, bytes_read: 194_000_000, requests_this_pass: 64_000 };
    await page.reload();
    const status = page.getByTestId('import-status');
    await status.getByText(/reading 312 of 720 files \(40%\), 64,000 requests found so far/).waitFor();
    expect(await status.getByRole('progressbar').getAttribute('value')).toBe('0.4');
    logStatus = { ...logStatus, state: 'watching' };
  });

  it('filters by agent', async () => {
    await page.getByRole('group', { name: 'Agent' }).getByRole('button', { name: 'Codex' }).click();
    await page.waitForURL(/#\/agents\/codex$/);
    const codex = await get<AgentSummary>('codex/summary?range=90d');
    await seeText(money(codex.totals.cost_dollars), region('Cost'));
    await seeText(count(40), region('Sessions'));
    await page.getByRole('group', { name: 'Agent' }).getByRole('button', { name: 'Proxy' }).click();
    await seeText('No projects in this range');
    await page.getByRole('group', { name: 'Agent' }).getByRole('button', { name: 'Claude Code' }).click();
  });

  it('follows the dark theme', async () => {
    const dark = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', timezoneId: TZ });
    await dark.route('**/api/agents/*/status', answerStatus);
    const darkPage = await dark.newPage();
    const watch = new ConsoleWatch(darkPage);
    await darkPage.goto(`${env.base}/#/agents/claude-code`);
    const summary = await get<AgentSummary>('claude-code/summary?range=30d');
    await darkPage.getByRole('region', { name: 'Cost' }).getByText(money(summary.totals.cost_dollars), { exact: true }).waitFor();
    await darkPage.getByTestId('agent-daily-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await darkPage.getByTestId('agent-windows-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await darkPage.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(14, 17, 23)');
    await screenshot(darkPage, 'agents-dark');
    expect(watch.take()).toEqual([]);
    await dark.close();
  });
});
