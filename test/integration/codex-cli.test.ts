/**
 * The real Codex CLI (from npm, pinned) through the proxy, set up by `setup codex`: metered at its
 * default model's price, spending a budget down to its last request, stopped by a refusal after
 * exactly one request with the budget's message shown, and `setup codex --undo`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockOpenAI, type MockOpenAI } from '../helpers/mock-openai.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CODEX = join(ROOT, 'node_modules', '.bin', 'codex');
const CLI = join(ROOT, 'dist', 'src-main', 'cli.js');
const execFileAsync = promisify(execFile);

/** Codex 0.169's default model, priced at $2 input, $0.10 cached input, $2.50 cache writes, $10 output per million tokens. */
const MODEL = 'gpt-6.1-sol';

let mock: MockOpenAI;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockOpenAI();
  t = await startTestCore({ OPENAI_UPSTREAM_URL: mock.url });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

interface CodexHome {
  home: string;
  codexHome: string;
  workdir: string;
}

function newCodexHome(userConfig = ''): CodexHome {
  const home = mkdtempSync(join(tmpdir(), 'agent-budget-codex-home-'));
  const codexHome = join(home, '.codex');
  const workdir = join(home, 'project');
  mkdirSync(codexHome);
  mkdirSync(workdir);
  if (userConfig) writeFileSync(join(codexHome, 'config.toml'), userConfig);
  return { home, codexHome, workdir };
}

async function setupCodex(h: CodexHome, ...args: string[]): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: h.home, CODEX_HOME: h.codexHome, PORT: String(t.core.port) };
  return (await execFileAsync(process.execPath, [CLI, 'setup', 'codex', ...args], { env })).stdout;
}

function runCodex(h: CodexHome, prompt: string): Promise<{ code: number; output: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: h.home, CODEX_HOME: h.codexHome, OPENAI_API_KEY: 'sk-test' };
  return new Promise((resolve) => {
    const child = execFile(CODEX, ['exec', '--skip-git-repo-check', '-C', h.workdir, prompt], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
    child.stdin?.end();
  });
}

const sampling = (from: number) => mock.requests.slice(from).filter((r) => r.method === 'POST' && r.url === '/v1/responses');

const MISSING = existsSync(CODEX) ? '' : ' (skipped: node_modules/.bin/codex is missing; `npm install` installs @openai/codex)';

describe.skipIf(MISSING !== '')(`the real Codex CLI through the proxy${MISSING}`, () => {
  it('setup writes a provider into config.toml keeping the rest, and a prompt is metered at the default model price on the budget', async () => {
    await t.api('POST', '/budgets', { name: 'codex-ok', max_dollars: 50 });
    const h = newCodexHome('# mine\napproval_policy = "never"  # keep\n\n[mcp_servers.docs]\ncommand = "npx"\n');
    const said = await setupCodex(h, '--budget', 'codex-ok');
    expect(said).toContain(`${t.base}/b/codex-ok/openai/v1`);
    const config = readFileSync(join(h.codexHome, 'config.toml'), 'utf8');
    expect(config).toContain('approval_policy = "never"  # keep');
    expect(config).toContain('[mcp_servers.docs]');
    expect(config).toContain('model_provider = "agent-budget"');

    // 20,000 input tokens: 12,000 cached, 3,000 written to the cache, 5,000 plain; 900 output tokens.
    // 5,000 × 2 + 12,000 × 0.10 + 3,000 × 2.50 + 900 × 10 = 10,000 + 1,200 + 7,500 + 9,000 = 27,700 per million = $0.0277.
    mock.scenario = { kind: 'ok', text: 'Hi from the mock.', usage: { input: 20_000, cached: 12_000, cacheWrite: 3_000, output: 900, reasoning: 400 } };
    const from = mock.requests.length;
    const result = await runCodex(h, 'say hi');
    expect(result.output).toContain('Hi from the mock.');
    expect(result.code).toBe(0);
    await settled(t);
    const calls = sampling(from);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ model: MODEL, stream: true });
    const sessionId = calls[0]!.headers['session-id'];
    const usage = (await t.api('GET', '/budgets/codex-ok/usage?limit=10')).body;
    expect(usage.items).toHaveLength(1);
    expect(usage.items[0]).toMatchObject({
      provider: 'openai',
      model: MODEL,
      status: 'ok',
      cost_dollars: 0.0277,
      session_id: sessionId,
      request_id: expect.stringMatching(/^resp_mock_/),
      estimated: false,
    });
  }, 120_000);

  it('a $2 budget is spent down past 75% by real turns; the refused turn sends one request and shows the budget message', async () => {
    await t.api('POST', '/budgets', { name: 'codex-two', max_dollars: 2, period: 'total' });
    const h = newCodexHome();
    await setupCodex(h, '--budget', 'codex-two');
    // Each turn reads 12,000 tokens (8,000 cached) and writes 16,000: 4,000 × 2 + 8,000 × 0.10 + 16,000 × 10 = $0.1688
    // (the mock, like OpenAI, writes no more than a max_output_tokens the request sets).
    mock.scenario = { kind: 'ok', text: 'Done.', usage: { input: 12_000, cached: 8_000, output: 16_000, reasoning: 12_000 } };
    let refused: { code: number; output: string } | null = null;
    let turns = 0;
    let fromRefused = 0;
    for (; turns < 25 && !refused; turns++) {
      fromRefused = mock.requests.length;
      const result = await runCodex(h, `task ${turns}`);
      if (result.code !== 0) refused = result;
      await settled(t);
    }
    expect(refused).not.toBeNull();
    expect(refused!.output).toMatch(/agent-budget: Budget 'codex-two' cannot cover this request/);
    // The refused turn reached the proxy once and never went upstream.
    expect(sampling(fromRefused)).toHaveLength(0);
    const usage = (await t.api('GET', '/budgets/codex-two/usage?limit=100')).body;
    const blocked = usage.items.filter((row: { status: string }) => row.status === 'blocked');
    expect(blocked).toHaveLength(1);
    const budget = (await t.api('GET', '/budgets/codex-two')).body;
    expect(budget.spent_dollars).toBeLessThanOrEqual(2);
    expect(budget.spent_dollars / 2).toBeGreaterThanOrEqual(0.75);
    // Near the end the proxy set an output ceiling that fits the money left, and said so.
    const ceilings = mock.requests.filter((r) => r.url === '/v1/responses' && typeof r.body?.max_output_tokens === 'number');
    expect(ceilings.length).toBeGreaterThan(0);
    // Codex's input was counted by OpenAI's counter (asked for JSON, whatever Codex's own accept header says).
    const counts = mock.requests.filter((r) => r.url === '/v1/responses/input_tokens');
    expect(counts.length).toBeGreaterThan(0);
    expect(counts[0]!.headers).toMatchObject({ accept: 'application/json', authorization: 'Bearer sk-test' });
  }, 300_000);

  it('setup --undo gives back the previous model provider and leaves the rest of the file as it was', async () => {
    const original = '# mine\nmodel_provider = "azure"  # work account\n\n[model_providers.azure]\nname = "Azure"\nbase_url = "https://example.invalid/v1"\n';
    const h = newCodexHome(original);
    await setupCodex(h, '--budget', 'codex-ok');
    await setupCodex(h, '--budget', 'codex-two');
    const configured = readFileSync(join(h.codexHome, 'config.toml'), 'utf8');
    expect(configured).toContain('/b/codex-two/openai/v1');
    expect(configured).not.toContain('/b/codex-ok/');
    expect(await setupCodex(h, '--undo')).toContain('restored');
    expect(readFileSync(join(h.codexHome, 'config.toml'), 'utf8')).toBe(original);
    expect(await setupCodex(h, '--undo')).toContain('nothing to undo');
  }, 60_000);
});
