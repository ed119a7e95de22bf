/**
 * Claude Code's own logs, read by the running app: every request counted once (streaming copies,
 * subagent files, resumed sessions, the proxy's own records), priced with the pricing table,
 * attributed to project, session and day, followed while a session runs, and counted against a
 * budget that watches the project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { assistantLine, claudeConfigDir, userLine } from '../helpers/claude-transcripts.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { waitFor } from '../helpers/wait.js';

const APP = '/home/dev/app';
const OTHER = '/home/dev/other';
const today = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
// claude-sonnet-4-6: $3 in, $15 out, $3.75 5-minute writes, $0.30 reads (per million tokens).
const A = { messageId: 'msg_a', requestId: 'req_log_a', sessionId: 'sess-1', cwd: APP, input: 1_000, cache5m: 2_000, cacheRead: 10_000 };
const A_COST = 1_000 * 3 + 500 * 15 + 2_000 * 3.75 + 10_000 * 0.3; // µ$ = 21,000
// claude-haiku-4-5: $1 in, $5 out, $2 one-hour writes.
const B = { model: 'claude-haiku-4-5', messageId: 'msg_b', requestId: 'req_log_b', sessionId: 'sess-2', cwd: APP, input: 200, output: 100, cache1h: 1_000 };
const B_COST = 200 + 100 * 5 + 1_000 * 2; // 2,700
const C = { messageId: 'msg_c', requestId: 'req_log_c', sessionId: 'sess-1', cwd: APP, input: 10, output: 20, sidechain: true };
const C_COST = 10 * 3 + 20 * 15; // 330

let mock: MockAnthropic;
let claude: ReturnType<typeof claudeConfigDir>;
let t: TestCore;
const project = async (path: string) => ((await t.api('GET', '/claude-code/projects')).body.projects as { project: string; cost_dollars: number; requests: number; sessions: number }[]).find((p) => p.project === path);

beforeAll(async () => {
  mock = await startMockAnthropic();
  claude = claudeConfigDir();
  // Written before the app starts: a streaming session (partial copies first), a sidechain, noise.
  claude.append('-home-dev-app/sess-1.jsonl',
    userLine('sess-1', APP, today(3)),
    assistantLine({ ...A, output: 1, time: today(3) }),
    assistantLine({ ...A, output: 480, time: today(3) }),
    assistantLine({ ...A, output: 500, time: today(3) }),
    '{"type":"assistant","message":{"id":',
    assistantLine({ ...A, messageId: 'msg_syn', requestId: undefined, model: '<synthetic>', time: today(3) }),
  );
  claude.append('-home-dev-app/sess-1/subagents/agent-1.jsonl', assistantLine({ ...C, time: today(2) }));
  // A resumed session repeats an earlier message in its new file.
  claude.append('-home-dev-app/sess-2.jsonl', assistantLine({ ...B, time: today(1) }), assistantLine({ ...A, output: 500, time: today(3) }));
  t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url, CLAUDE_CONFIG_DIR: claude.dir, AGENT_BUDGET_CLAUDE_LOGS: '1' });
  await t.core.agentLogs.get('claude-code')!.ready;
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

describe('Claude Code logs', () => {
  it('counts each request once, at the pricing table’s rates, per project and session', async () => {
    expect(await project(APP)).toMatchObject({ requests: 3, sessions: 2, cost_dollars: (A_COST + B_COST + C_COST) / 1e6 });
    const { body } = await t.api('GET', `/claude-code/project?project=${encodeURIComponent(APP)}`);
    const bySession = Object.fromEntries(body.sessions.map((s: { session_id: string; cost_dollars: number }) => [s.session_id, s.cost_dollars]));
    expect(bySession).toEqual({ 'sess-1': (A_COST + C_COST) / 1e6, 'sess-2': B_COST / 1e6 });
    expect(body.days.reduce((sum: number, d: { cost_dollars: number }) => sum + d.cost_dollars, 0)).toBeCloseTo((A_COST + B_COST + C_COST) / 1e6, 9);
    const status = (await t.api('GET', '/claude-code/status')).body;
    expect(status).toMatchObject({ enabled: true, files: 3, requests: 3, malformed_lines: 1, unpriced_models: [] });
  });

  it('shows the 5-hour subscription window the requests fall in, at API-equivalent cost', async () => {
    const { body } = await t.api('GET', '/claude-code/windows');
    const total = body.windows.reduce((sum: number, w: { cost_dollars: number }) => sum + w.cost_dollars, 0);
    expect(total).toBeCloseTo((A_COST + B_COST + C_COST) / 1e6, 9);
    expect(body.windows[0]).toMatchObject({ active: true });
  });

  it('follows a running session: new lines show within seconds, a fuller copy corrects the count', async () => {
    claude.append('-home-dev-app/sess-2.jsonl', assistantLine({ ...B, messageId: 'msg_d', requestId: 'req_log_d', time: today(0) }));
    await waitFor(async () => ((await project(APP))?.requests === 4 ? true : undefined), 'the new line to be imported');
    claude.append('-home-dev-app/sess-2.jsonl', assistantLine({ ...B, messageId: 'msg_d', requestId: 'req_log_d', output: 300, time: today(0) }));
    const expected = (A_COST + 2 * B_COST + C_COST + 200 * 5) / 1e6;
    await waitFor(async () => ((await project(APP))?.cost_dollars === expected ? true : undefined), 'the fuller copy to be counted');
    expect((await project(APP))?.requests).toBe(4);
  });

  it('counts a request that went through the proxy once: the proxy’s record wins', async () => {
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const requestId = response.headers.get('request-id')!;
    await response.text();
    await settled(t);
    claude.append('-home-dev-other/sess-3.jsonl', assistantLine({ messageId: 'msg_p', requestId, sessionId: 'sess-3', cwd: OTHER, input: 10, output: 10, time: today(0) }));
    await t.api('POST', '/claude-code/import');
    expect(await project(OTHER)).toBeUndefined();
    expect((await t.api('GET', '/budgets/default/usage')).body.total).toBe(1);
    // The resumed session's repeat of an earlier message, and the proxied request.
    expect((await t.api('GET', '/claude-code/status')).body.duplicates).toBe(2);
  });

  it('leaves a request the proxy is still relaying to the proxy, even when its log line is read first', async () => {
    // A stream far larger than the sockets' buffers stays in flight until it is read.
    mock.scenario = { kind: 'long-stream', deltas: 20_000, progress: { written: 0 } };
    const response = await fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const requestId = response.headers.get('request-id')!;
    const LIVE = '/home/dev/live';
    claude.append('-home-dev-live/sess-5.jsonl', assistantLine({ messageId: 'msg_live', requestId, sessionId: 'sess-5', cwd: LIVE, input: 10, output: 10, time: today(0) }));
    await t.api('POST', '/claude-code/import');
    expect(await project(LIVE)).toBeUndefined();
    await response.arrayBuffer();
    mock.scenario = { kind: 'ok' };
    await settled(t);
    const usage = (await t.api('GET', '/budgets/default/usage')).body;
    expect(usage.total).toBe(2);
    expect(usage.items.filter((row: { request_id: string | null }) => row.request_id === requestId)).toHaveLength(1);
    expect(await project(LIVE)).toBeUndefined();
  });

  it('counts a watched project against its budget and alerts, without blocking anything', async () => {
    const before = (A_COST + 2 * B_COST + C_COST + 200 * 5) / 1e6;
    const created = await t.api('POST', '/budgets', { name: 'watched', max_dollars: 0.05, watch_project: '/home/dev/watched' });
    expect(created.body).toMatchObject({ watch_project: '/home/dev/watched' });
    expect((await t.api('POST', '/budgets', { name: 'bad-watch', max_dollars: 1, watch_project: 'relative/path' })).body.error.fields).toEqual([
      { field: 'watch_project', message: 'must be an absolute folder path' },
    ]);
    // $0.042 of sonnet output in a subfolder of the watched project: 84% of the cap.
    claude.append('-home-dev-watched/sess-4.jsonl', assistantLine({ messageId: 'msg_w', requestId: 'req_log_w', sessionId: 'sess-4', cwd: '/home/dev/watched/pkg', output: 2_800, time: today(0) }));
    await t.api('POST', '/claude-code/import');
    await waitFor(async () => {
      const alerts = (await t.api('GET', '/alerts')).body.alerts as { budget_name: string; threshold: number }[];
      return alerts.some((a) => a.budget_name === 'watched' && a.threshold === 80) || undefined;
    }, 'the 80% alert of the watched budget');
    expect((await t.api('GET', '/budgets/watched')).body).toMatchObject({ spent_dollars: 0.042, percent_used: 84 });
    expect((await project(APP))?.cost_dollars).toBe(before);
  });

  it('resumes where it stopped after a restart, counting nothing twice', async () => {
    const before = await project(APP);
    await t.close();
    t = await startTestCore({ ANTHROPIC_UPSTREAM_URL: mock.url, CLAUDE_CONFIG_DIR: claude.dir, AGENT_BUDGET_CLAUDE_LOGS: '1' }, { dataDir: t.dataDir });
    await t.core.agentLogs.get('claude-code')!.ready;
    expect(await project(APP)).toEqual(before);
  });
});
