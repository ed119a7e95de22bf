/** The real Claude Code CLI (from npm) through the proxy: metered when it works, stopped at once when refused. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';

const CLAUDE = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'claude');

let mock: MockAnthropic;
let t: TestCore;

beforeAll(async () => {
  mock = await startMockAnthropic();
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

function runClaude(budget: string, prompt: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: mkdtempSync(join(tmpdir(), 'agent-budget-claude-home-')),
    ANTHROPIC_BASE_URL: t.base,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_CUSTOM_HEADERS: `X-Budget-Id: ${budget}`,
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  return new Promise((resolve) => {
    const child = execFile(CLAUDE, ['-p', prompt], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    // No piped input: without this the CLI waits for stdin before it starts.
    child.stdin?.end();
  });
}

/** Sampling requests upstream (the proxy's own free count_tokens calls excluded). */
const messageCalls = (from: number) => mock.requests.slice(from).filter((r) => r.method === 'POST' && /^\/v1\/messages(\?|$)/.test(r.url));

describe.skipIf(!existsSync(CLAUDE))('the real Claude Code CLI through the proxy', () => {
  it('a prompt works and every request it makes is metered on the budget named in its custom headers', async () => {
    await t.api('POST', '/budgets', { name: 'claude-ok', max_dollars: 50 });
    mock.scenario = { kind: 'ok', text: 'Hello from the mock upstream.' };
    const from = mock.requests.length;
    const result = await runClaude('claude-ok', 'say hi');
    expect(result.stdout).toContain('Hello from the mock upstream.');
    expect(result.code).toBe(0);
    await settled(t);
    const calls = messageCalls(from);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.headers['x-budget-id'] === undefined)).toBe(true);
    const usage = (await t.api('GET', '/budgets/claude-ok/usage?limit=100')).body;
    expect(usage.items.filter((row: { status: string }) => row.status === 'ok').length).toBe(calls.length);
    expect(usage.items[0]).toMatchObject({ session_id: expect.any(String), auth_kind: 'api_key' });
  });

  it('an exhausted budget stops it after exactly one request, showing the refusal', async () => {
    await t.api('POST', '/budgets', { name: 'claude-broke', max_dollars: 0.01 });
    const from = mock.requests.length;
    const result = await runClaude('claude-broke', 'say hi');
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/402.*Budget 'claude-broke' cannot cover this request/s);
    expect(messageCalls(from)).toHaveLength(0);
    const usage = (await t.api('GET', '/budgets/claude-broke/usage')).body;
    expect(usage.total).toBe(1);
    expect(usage.items[0].status).toBe('blocked');
  });
});
