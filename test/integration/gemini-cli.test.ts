/** The real Gemini CLI (from npm) through the proxy: metered when it works, stopped at once when refused. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockGemini, type MockGemini } from '../helpers/mock-gemini.js';

const GEMINI = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'gemini');

let mock: MockGemini;
let t: TestCore;
/** One HOME for every run, whose session files the core imports. */
let home: string;

beforeAll(async () => {
  mock = await startMockGemini();
  home = geminiHome();
  t = await startTestCore({ GEMINI_UPSTREAM_URL: mock.url, AGENT_BUDGET_GEMINI_LOGS: '1', AGENT_BUDGET_GEMINI_LOG_ROOTS: join(home, '.gemini', 'tmp') });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  project: string;
}

/** A fresh HOME whose settings pick API-key auth and turn off telemetry, update checks and usage statistics. */
function geminiHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'agent-budget-gemini-home-'));
  mkdirSync(join(home, '.gemini'));
  const settings = {
    security: { auth: { selectedType: 'gemini-api-key' } },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  };
  writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify(settings));
  return home;
}

/** Runs the CLI in a project folder; without a base URL it reads the one the project's .gemini/.env names. */
function runGemini(baseUrl: string | null, args: string[], project = mkdtempSync(join(tmpdir(), 'agent-budget-gemini-project-'))): Promise<CliRun> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GEMINI_API_KEY: 'AIza-cli-test-key',
    ...(baseUrl ? { GOOGLE_GEMINI_BASE_URL: baseUrl } : {}),
    GEMINI_CLI_TRUST_WORKSPACE: 'true',
    // Anything that is not loopback goes to a dead proxy: tests never reach the internet.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    NO_COLOR: '1',
  };
  return new Promise((resolve) => {
    const child = execFile(GEMINI, args, { env, cwd: project, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, project });
    });
    child.stdin?.end();
  });
}

const generations = (from: number) => mock.requests.slice(from).filter((r) => r.method === 'POST' && /:(stream)?[gG]enerateContent/.test(r.url));

describe.skipIf(!existsSync(GEMINI))('the real Gemini CLI through the proxy', { timeout: 180_000 }, () => {
  it('a prompt works and every request it makes is metered on the budget named in its base URL', async () => {
    await t.api('POST', '/budgets', { name: 'gemini-ok', max_dollars: 50 });
    mock.scenario = { kind: 'ok', text: 'Hello from the mock Gemini.' };
    const from = mock.requests.length;
    const result = await runGemini(`${t.base}/b/gemini-ok/gemini`, ['-p', 'say hi']);
    expect(result.stdout).toContain('Hello from the mock Gemini.');
    expect(result.code).toBe(0);
    await settled(t);
    const calls = generations(from);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.headers['x-goog-api-key'] === 'AIza-cli-test-key')).toBe(true);
    const usage = (await t.api('GET', '/budgets/gemini-ok/usage?limit=100')).body;
    expect(usage.items.filter((row: { status: string }) => row.status === 'ok').length).toBe(calls.length);
    expect(usage.items[0]).toMatchObject({ provider: 'gemini', auth_kind: 'api_key' });
  });

  it('after `setup gemini` the project’s own .gemini/.env puts the CLI on the budget, with no variable set', async () => {
    await t.api('POST', '/budgets', { name: 'gemini-setup', max_dollars: 50 });
    const project = mkdtempSync(join(tmpdir(), 'agent-budget-gemini-project-'));
    expect((await t.api('POST', '/gemini/setup', { project, budget: 'gemini-setup' })).status).toBe(200);
    mock.scenario = { kind: 'ok', text: 'Hello from the mock Gemini.' };
    const from = mock.requests.length;
    const result = await runGemini(null, ['-m', 'gemini-2.5-flash', '-p', 'say hi'], project);
    expect(result.stdout).toContain('Hello from the mock Gemini.');
    await settled(t);
    const calls = generations(from);
    expect(calls.map((c) => c.url)).toEqual(['/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse']);
    expect((await t.api('GET', '/budgets/gemini-setup/usage')).body.items).toMatchObject([{ provider: 'gemini', model: 'gemini-2.5-flash', status: 'ok' }]);
  });

  it('its session files are imported per project and session, and a request the proxy also saw counts once', async () => {
    const project = mkdtempSync(join(tmpdir(), 'agent-budget-gemini-project-'));
    await t.api('POST', '/budgets', { name: 'gemini-watch', max_dollars: 50, watch_project: project });
    // Through the proxy...
    mock.scenario = { kind: 'ok', text: 'Metered answer.', usage: { prompt: 1234, candidates: 56 } };
    expect((await runGemini(`${t.base}/b/gemini-watch/gemini`, ['-m', 'gemini-2.5-flash', '-p', 'one'], project)).stdout).toContain('Metered answer.');
    // ...and once straight to the provider, which only the CLI's own log records.
    mock.scenario = { kind: 'ok', text: 'Unmetered answer.', usage: { prompt: 2000, candidates: 100 } };
    expect((await runGemini(mock.url, ['-m', 'gemini-2.5-flash', '-p', 'two'], project)).stdout).toContain('Unmetered answer.');
    await settled(t);
    await t.core.agentLogs.get('gemini')!.scan();
    const rows = (await t.api('GET', '/budgets/gemini-watch/usage?limit=100')).body.items as Record<string, unknown>[];
    expect(rows.map((row) => [row.source, row.input_tokens, row.output_tokens]).sort()).toEqual([
      ['gemini-logs', 2000, 100],
      ['proxy', 1234, 56],
    ]);
    // gemini-2.5-flash: 2000 × $0.30 + 100 × $2.50 per million.
    expect(rows.find((row) => row.source === 'gemini-logs')).toMatchObject({
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      project,
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      cost_dollars: 0.00085,
    });
    const status = (await t.api('GET', '/agents/gemini/status')).body;
    expect(status).toMatchObject({ agent: 'gemini', roots: [join(home, '.gemini', 'tmp')], malformed_lines: 0, unpriced_models: [] });
    expect(status.files).toBeGreaterThanOrEqual(2);
  });

  it('an exhausted budget stops it after one refused request that reaches nothing upstream, showing the refusal', async () => {
    await t.api('POST', '/budgets', { name: 'gemini-broke', max_dollars: 0.01 });
    const from = mock.requests.length;
    const result = await runGemini(`${t.base}/b/gemini-broke/gemini`, ['-m', 'gemini-3.1-pro-preview', '-p', 'say hi']);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Budget 'gemini-broke' cannot cover this request/);
    expect(mock.requests.slice(from)).toEqual([]);
    const usage = (await t.api('GET', '/budgets/gemini-broke/usage')).body;
    expect(usage.total).toBe(1);
    expect(usage.items[0].status).toBe('blocked');
  });
});
