/**
 * Codex CLI's own session logs, read by the running app: every request counted once (the proxy's
 * record of the same response wins), priced at the pricing table's rates with cached, cache-write
 * and reasoning tokens, attributed to project (cwd), session and model, followed while a session
 * runs, and counted against a budget that watches the project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { codexHomeDir, noiseLine, sessionMetaLine, tokenCountLine, turnContextLine, usageRecordLine } from '../helpers/codex-rollouts.js';
import { startMockOpenAI, type MockOpenAI } from '../helpers/mock-openai.js';
import { waitFor } from '../helpers/wait.js';

const APP = '/home/dev/app';
const LIB = '/home/dev/lib';
const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const DAY = '2026/12/05';
// gpt-6.1-sol: $2 input, $0.10 cached, $2.50 cache writes, $10 output per million tokens.
// 20,000 input (12,000 cached, 3,000 written) and 900 output (400 of it reasoning): 10,000 + 1,200 + 7,500 + 9,000 µ$.
const R1 = { input: 20_000, cached: 12_000, cacheWrite: 3_000, output: 900, reasoning: 400 };
const R1_COST = 27_700;
// gpt-6.1-terra: $1 input, $0.05 cached, $5 output: 1,000 plain + 4,000 cached, 300 output = 1,000 + 200 + 1,500 µ$.
const R2 = { input: 5_000, cached: 4_000, output: 300 };
const R2_COST = 2_700;
// gpt-5.1-codex, an older Codex writing token_count events only: $1.25 input, $0.125 cached, $10 output.
const R3 = { input: 2_000, cached: 1_000, output: 100, reasoning: 60 };
const R3_COST = 1_000 * 1.25 + 1_000 * 0.125 + 100 * 10; // 2,375

let mock: MockOpenAI;
let codex: ReturnType<typeof codexHomeDir>;
let t: TestCore;

interface Row {
  source: string;
  project: string | null;
  session_id: string | null;
  model: string;
  request_id: string;
  cost_micros: number;
}

/** The usage rows as stored (the app holds the SQLite file exclusively, so through its own connection). */
function rows(source = 'codex-logs'): Row[] {
  const { db } = t.core.store as SqliteStore;
  return db.prepare('SELECT source, project, session_id, model, request_id, cost_micros FROM usage WHERE source = ? ORDER BY id').all(source) as Row[];
}
const costOf = (project: string) => rows().filter((r) => r.project === project).reduce((sum, r) => sum + r.cost_micros, 0);
const codexLogs = () => t.core.agentLogs.get('codex')!;
const start = (dataDir?: string) =>
  startTestCore({ OPENAI_UPSTREAM_URL: mock.url, CODEX_HOME: codex.dir, AGENT_BUDGET_CODEX_LOGS: '1' }, dataDir ? { dataDir } : {});

beforeAll(async () => {
  mock = await startMockOpenAI();
  codex = codexHomeDir();
  // Written before the app starts: two sessions in one project (one switching model), one in another
  // with an older Codex's token_count-only log, and a broken line.
  codex.append(`${DAY}/rollout-2026-12-05T10-00-00-s-1.jsonl`,
    sessionMetaLine('s-1', APP, ago(3)),
    turnContextLine('gpt-6.1-sol', APP, ago(3)),
    noiseLine(ago(3)),
    usageRecordLine('s-1', 'resp_log_1', R1, ago(3)),
    tokenCountLine(R1, R1, ago(3)),
    turnContextLine('gpt-6.1-terra', APP, ago(3)),
    usageRecordLine('s-1', 'resp_log_2', R2, ago(3)),
    tokenCountLine(R2, { input: 25_000, output: 1_200 }, ago(3)),
    '{"timestamp":"2026-12-05T10:00:00Z","type":"event_msg","payload":{"type":"token_co',
  );
  codex.append(`${DAY}/rollout-2026-12-05T11-00-00-s-2.jsonl`, sessionMetaLine('s-2', APP, ago(2)), turnContextLine('gpt-6.1-sol', APP, ago(2)), usageRecordLine('s-2', 'resp_log_3', R1, ago(2)));
  codex.append(`${DAY}/rollout-2026-12-05T12-00-00-s-3.jsonl`,
    sessionMetaLine('s-3', LIB, ago(1)),
    turnContextLine('gpt-5.1-codex', LIB, ago(1)),
    tokenCountLine(R3, R3, ago(1)),
    tokenCountLine(R3, R3, ago(1)),
  );
  t = await start();
  await codexLogs().ready;
});
afterAll(async () => {
  await t.close();
  await mock.close();
});

describe('Codex logs', () => {
  it('counts each request once at the pricing table’s rates, with project, session and model', async () => {
    expect(rows()).toEqual([
      { source: 'codex-logs', project: APP, session_id: 's-1', model: 'gpt-6.1-sol', request_id: 'resp_log_1', cost_micros: R1_COST },
      { source: 'codex-logs', project: APP, session_id: 's-1', model: 'gpt-6.1-terra', request_id: 'resp_log_2', cost_micros: R2_COST },
      { source: 'codex-logs', project: APP, session_id: 's-2', model: 'gpt-6.1-sol', request_id: 'resp_log_3', cost_micros: R1_COST },
      { source: 'codex-logs', project: LIB, session_id: 's-3', model: 'gpt-5.1-codex', request_id: expect.stringMatching(/^codex:s-3:\d+$/), cost_micros: R3_COST },
    ]);
    expect(codexLogs().status()).toMatchObject({ agent: 'codex', files: 3, requests: 4, malformed_lines: 1, unpriced_models: [] });
  });

  it('follows a running session: an appended request shows without a restart', async () => {
    codex.append(`${DAY}/rollout-2026-12-05T11-00-00-s-2.jsonl`, usageRecordLine('s-2', 'resp_log_4', R2, ago(0)));
    await waitFor(async () => (rows().length === 5 ? true : undefined), 'the appended request to be imported');
    expect(rows().at(-1)).toMatchObject({ request_id: 'resp_log_4', session_id: 's-2', project: APP, model: 'gpt-6.1-sol' });
  });

  it('counts a request that went through the proxy once: the proxy’s record of the response wins', async () => {
    mock.scenario = { kind: 'ok', text: 'ok', usage: { input: 100, output: 10 } };
    const response = await fetch(`${t.base}/openai/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', originator: 'codex_exec', 'user-agent': 'codex_exec/0.169.0', 'session-id': 's-2' },
      body: JSON.stringify({ model: 'gpt-6.1-sol', stream: true, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] }),
    });
    await response.text();
    await settled(t);
    const proxied = rows('proxy').at(-1)!;
    expect(proxied).toMatchObject({ session_id: 's-2', request_id: expect.stringMatching(/^resp_mock_/) });
    codex.append(`${DAY}/rollout-2026-12-05T11-00-00-s-2.jsonl`, usageRecordLine('s-2', proxied.request_id, { input: 100, output: 10 }, ago(0)));
    await codexLogs().scan();
    expect(rows().map((r) => r.request_id)).not.toContain(proxied.request_id);
    expect(codexLogs().status().duplicates).toBeGreaterThanOrEqual(1);
  });

  it('counts a watched Codex project against its budget', async () => {
    await t.api('POST', '/budgets', { name: 'codex-watch', max_dollars: 1, watch_project: '/home/dev/watched' });
    codex.append(`${DAY}/rollout-2026-12-05T13-00-00-s-4.jsonl`,
      sessionMetaLine('s-4', '/home/dev/watched/pkg', ago(0)),
      turnContextLine('gpt-6.1-sol', '/home/dev/watched/pkg', ago(0)),
      usageRecordLine('s-4', 'resp_log_w', R1, ago(0)),
    );
    await codexLogs().scan();
    await waitFor(async () => ((await t.api('GET', '/budgets/codex-watch')).body.spent_dollars === R1_COST / 1e6 ? true : undefined), 'the watched spend');
  });

  it('resumes where it stopped after a restart, counting nothing twice', async () => {
    const before = rows();
    const appCost = costOf(APP);
    await t.close();
    t = await start(t.dataDir);
    await codexLogs().ready;
    expect(rows()).toEqual(before);
    expect(costOf(APP)).toBe(appCost);
  });
});
