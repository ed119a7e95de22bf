/** Claude Code on a budget: setup and undo, per-session caps and spend, the status line and the MCP server. */
import Anthropic from '@anthropic-ai/sdk';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSetup } from '../../src-main/core/claude-code/setup-command.js';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { CLI } from '../helpers/serve-process.js';
import { waitFor } from '../helpers/wait.js';

let mock: MockAnthropic;
let t: TestCore;
let env: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  mock = await startMockAnthropic();
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url });
  env = { PATH: process.env.PATH ?? '', PORT: String(t.core.port) };
  await t.api('POST', '/budgets', { name: 'proj', max_dollars: 10, max_dollars_per_session: 0.02 });
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

const project = () => mkdtempSync(join(tmpdir(), 'agent-budget-project-'));
const settingsOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.claude', 'settings.local.json'), 'utf8'));
const sdk = (session: string) =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: t.base, defaultHeaders: { 'X-Budget-Id': 'proj', 'x-claude-code-session-id': session }, maxRetries: 0 });
const ask = (client: Anthropic) => client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }] });

function runCli(args: string[], stdin: string, extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...env, ...extraEnv }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

describe('setup claude-code', () => {
  it("points a project at the proxy, keeping the user's keys and headers, and undo restores the file exactly", async () => {
    const dir = project();
    mkdirSync(join(dir, '.claude'));
    const original = `${JSON.stringify({ permissions: { allow: ['Bash(ls)'] }, env: { MY_VAR: '1', ANTHROPIC_CUSTOM_HEADERS: 'X-Team: red\nX-Budget-Id: old' } }, null, 4)}\n`;
    writeFileSync(join(dir, '.claude', 'settings.local.json'), original);

    const message = await runSetup(['claude-code', '--project', dir, '--budget', 'proj', '--max-output-tokens', '8000'], env);
    expect(message).toContain(`on budget 'proj'`);
    expect(settingsOf(dir)).toEqual({
      permissions: { allow: ['Bash(ls)'] },
      env: { MY_VAR: '1', ANTHROPIC_BASE_URL: t.base, ANTHROPIC_CUSTOM_HEADERS: 'X-Team: red\nX-Budget-Id: proj', CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8000' },
      // From a checkout the status line runs this CLI by its path (installed globally: `agent-budget statusline`, see package.test.ts).
      statusLine: { type: 'command', command: `node ${CLI} statusline` },
    });
    // A second setup changes the budget but keeps the first backup.
    await runSetup(['claude-code', '--project', dir, '--budget', 'default'], env);
    expect(settingsOf(dir).env.ANTHROPIC_CUSTOM_HEADERS).toBe('X-Team: red\nX-Budget-Id: default');

    expect(await runSetup(['claude-code', '--project', dir, '--undo'], env)).toContain('restored');
    expect(readFileSync(join(dir, '.claude', 'settings.local.json'), 'utf8')).toBe(original);
  });

  it('undo removes a settings file that setup created, and a missing budget is pointed out', async () => {
    const dir = project();
    expect(await runSetup(['claude-code', '--project', dir, '--budget', 'nobody'], env)).toMatch(/no budget named 'nobody'/);
    expect(await runSetup(['claude-code', '--project', dir, '--undo'], env)).toContain('removed');
    expect(existsSync(join(dir, '.claude', 'settings.local.json'))).toBe(false);
  });

  it('bad arguments exit 2 with the usage; a file that is not JSON is left alone', async () => {
    const missing = await runCli(['setup', 'claude-code', '--project', project()], '');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--budget is required[\s\S]*usage: setup claude-code/);
    const dir = project();
    mkdirSync(join(dir, '.claude'));
    writeFileSync(join(dir, '.claude', 'settings.local.json'), '{ not json');
    const broken = await runCli(['setup', 'claude-code', '--project', dir, '--budget', 'proj'], '');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not a JSON object/);
    expect(readFileSync(join(dir, '.claude', 'settings.local.json'), 'utf8')).toBe('{ not json');
  });

  it('the API behind the Setup view button needs the admin token and validates the folder', async () => {
    const dir = project();
    const anonymous = await fetch(`${t.base}/api/claude-code/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ project: dir, budget: 'proj' }) });
    expect(anonymous.status).toBe(401);
    const bad = await t.api('POST', '/claude-code/setup', { project: 'relative/dir', budget: 'proj' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('absolute path');
    const ok = await t.api('POST', '/claude-code/setup', { project: dir, budget: 'proj' });
    expect(ok.status).toBe(200);
    expect(settingsOf(dir).env.ANTHROPIC_CUSTOM_HEADERS).toBe('X-Budget-Id: proj');
  });
});

describe('sessions', () => {
  it('a per-session cap holds under concurrency while another session still gets through', async () => {
    // Each request may cost about $0.0153 (1000 output tokens at $15/M plus its input bound); the session cap is $0.02.
    mock.scenario = { kind: 'gate' };
    const gatedBefore = mock.gated();
    const refusals: string[] = [];
    const attempt = (session: string) => ask(sdk(session)).catch((error: { status?: number; error?: { error?: { message?: string } } }) => void refusals.push(error.error?.error?.message ?? String(error.status)));
    const calls = [...Array.from({ length: 10 }, () => attempt('session-a')), attempt('session-b')];
    await waitFor(() => mock.gated() - gatedBefore + refusals.length === 11, 'every request to be admitted or refused');
    expect(mock.gated() - gatedBefore).toBe(2);
    expect(refusals).toHaveLength(9);
    expect(refusals[0]).toMatch(/^Session session- cannot cover this request within budget 'proj': it has used \$0\.02 of its \$0\.02 per-session cap/);
    mock.openGate();
    await Promise.all(calls);
    await settled(t);
  });

  it('shows spend per session, across budgets and within one', async () => {
    const { body } = await t.api('GET', '/sessions/session-a');
    // One admitted request: 25 × $3/M + 12 × $15/M = $0.000255.
    expect(body).toMatchObject({ session_id: 'session-a', requests: 1, blocked_requests: 9, cost_dollars: 0.000255, budgets: ['proj'] });
    const list = await t.api('GET', '/budgets/proj/sessions');
    expect(list.body.sessions.map((s: { session_id: string }) => s.session_id).sort()).toEqual(['session-a', 'session-b']);
    expect((await t.api('GET', '/sessions/never-seen')).status).toBe(404);
  });
});

describe('statusline and MCP', () => {
  it("prints the session's and the project's budget spend from Claude Code's status JSON", async () => {
    const dir = project();
    await runSetup(['claude-code', '--project', dir, '--budget', 'proj'], env);
    const { code, stdout } = await runCli(['statusline'], JSON.stringify({ session_id: 'session-a', workspace: { project_dir: dir, current_dir: dir }, model: { id: 'x' } }));
    expect(code).toBe(0);
    // $0.000255 and $0.000510 spent: sub-cent amounts read <$0.01.
    expect(stdout.trim()).toBe('agent-budget · session <$0.01 · proj <$0.01/$10.00 total (0%)');
    const idle = await runCli(['statusline'], '{}', { PORT: '9' });
    expect(idle).toMatchObject({ code: 0, stdout: 'agent-budget: not running\n' });
  });

  it('an agent can list budgets and check its budget and session cost through the MCP server', async () => {
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], env, stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_budget_status', 'get_cost', 'list_budgets']);
      const text = (result: unknown) => ((result as { content: { text: string }[] }).content[0].text);
      const budgets = JSON.parse(text(await client.callTool({ name: 'list_budgets', arguments: {} })));
      expect(budgets.map((b: { name: string }) => b.name)).toContain('proj');
      const status = JSON.parse(text(await client.callTool({ name: 'get_budget_status', arguments: { budget: 'proj' } })));
      expect(status).toMatchObject({ name: 'proj', max_dollars: 10, max_dollars_per_session: 0.02 });
      const session = JSON.parse(text(await client.callTool({ name: 'get_cost', arguments: { session: 'session-a' } })));
      expect(session).toMatchObject({ session_id: 'session-a', cost_dollars: 0.000255 });
      const dir = project();
      await runSetup(['claude-code', '--project', dir, '--budget', 'proj'], env);
      const byProject = JSON.parse(text(await client.callTool({ name: 'get_cost', arguments: { project: dir } })));
      expect(byProject).toMatchObject({ project: dir, last_30_days: null, budget: { name: 'proj', max_dollars: 10 } });
      const unknownProject = await client.callTool({ name: 'get_cost', arguments: { project: project() } });
      expect(unknownProject.isError).toBe(true);
      const missing = await client.callTool({ name: 'get_budget_status', arguments: { budget: 'nope' } });
      expect(missing.isError).toBe(true);
      expect(text(missing)).toBe("No budget named 'nope'.");
    } finally {
      await client.close();
    }
  });
});
