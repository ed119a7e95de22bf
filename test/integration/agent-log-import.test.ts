/**
 * A generated Claude Code history (bench/lib/history.mjs: distinct copies of a realistic transcript
 * set) imported by the running app through its worker thread: totals exact to the micro-dollar
 * against a plain single-threaded reading of the same files, sessions with their titles, lines
 * appended while it watches, a restart that resumes from each file's cursor, malformed lines
 * counted, and the status the dashboard and tray show.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHistory } from '../../bench/lib/history.mjs';
import { PriceBook } from '../../src-main/core/pricing/price-book.js';
import { costMicros } from '../../src-main/core/pricing/cost.js';
import { SEED_PRICES } from '../../src-main/core/pricing/seed.js';
import { usageFromAnthropic } from '../../src-main/core/providers/anthropic/usage.js';
import type { SqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { assistantLine } from '../helpers/claude-transcripts.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { waitFor } from '../helpers/wait.js';

const DAYS = 3650;

function jsonlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.jsonl')).map((name) => join(dir, name));
}

/**
 * The reference: every line of every file parsed, assistant messages with usage kept, of several
 * copies of a request the one with the most output, priced with the seed table. No worker, no
 * batches, no cursors, no pre-filter.
 */
function reference(projectsDir: string): { requests: number; micros: number; sessions: number } {
  const prices = new PriceBook(SEED_PRICES);
  const best = new Map<string, { output: number; micros: number; session: string }>();
  for (const file of jsonlFiles(projectsDir)) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      let line: any;
      try {
        line = JSON.parse(text);
      } catch {
        continue;
      }
      const message = line?.message;
      if (!message?.usage || typeof message.id !== 'string' || typeof message.model !== 'string' || message.model === '<synthetic>') continue;
      const usage = usageFromAnthropic(message.usage)!;
      const key = line.requestId ?? message.id;
      const micros = costMicros(usage, prices.resolve(message.model, 'anthropic')!.price);
      const seen = best.get(key);
      if (!seen || usage.output_tokens > seen.output) best.set(key, { output: usage.output_tokens, micros, session: line.sessionId });
    }
  }
  const values = [...best.values()];
  return { requests: values.length, micros: values.reduce((sum, v) => sum + v.micros, 0), sessions: new Set(values.map((v) => v.session)).size };
}

let config: string;
let t: TestCore;
const env = () => ({ AGENT_BUDGET_CLAUDE_LOGS: '1', CLAUDE_CONFIG_DIR: config });
const totalMicros = async () => {
  const { projects } = (await t.api('GET', `/claude-code/projects?days=${DAYS}`)).body as { projects: { cost_dollars: number; requests: number }[] };
  return { micros: projects.reduce((sum, p) => sum + Math.round(p.cost_dollars * 1e6), 0), requests: projects.reduce((sum, p) => sum + p.requests, 0) };
};
const status = async () => (await t.api('GET', '/agents/claude-code/status')).body;
const db = () => (t.core.store as SqliteStore).db;

beforeAll(async () => {
  config = mkdtempSync(join(tmpdir(), 'agent-budget-history-'));
  writeHistory(config, { copies: 2, seed: 7 });
  t = await startTestCore(env());
  await t.core.agentLogs.get('claude-code')!.ready;
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('importing a generated history', () => {
  it('stores exactly what a plain single-threaded reading of the files finds, to the micro-dollar', async () => {
    const expected = reference(join(config, 'projects'));
    expect(expected.requests).toBe(2 * 2_925);
    expect(await totalMicros()).toEqual({ micros: expected.micros, requests: expected.requests });
    const bytes = jsonlFiles(join(config, 'projects')).reduce((sum, file) => sum + statSync(file).size, 0);
    expect(await status()).toMatchObject({
      agent: 'claude-code', roots: [join(config, 'projects')], state: 'watching', files: 26, files_read: 26, bytes_total: bytes, bytes_read: bytes,
      requests: expected.requests, requests_this_pass: expected.requests, malformed_lines: 0, unpriced_models: [],
    });
  });

  it('records each session with its title, folder and time span', () => {
    const rows = db().prepare("SELECT session_id, title, project, first_at, last_at FROM agent_sessions WHERE agent = 'claude-code' ORDER BY session_id").all() as { session_id: string; title: string | null; project: string; first_at: number; last_at: number }[];
    expect(rows).toHaveLength(reference(join(config, 'projects')).sessions);
    const spans = db().prepare("SELECT session_id, MIN(created_at) AS first_at, MAX(created_at) AS last_at, MIN(project) AS project FROM usage WHERE source = 'claude-code-logs' GROUP BY session_id ORDER BY session_id").all();
    expect(rows.map(({ session_id, first_at, last_at, project }) => ({ session_id, first_at, last_at, project }))).toEqual(spans);
    expect(rows.every((r) => r.title?.startsWith('Session '))).toBe(true);
  });

  it('imports lines appended while it watches, and counts malformed ones', async () => {
    const before = await totalMicros();
    const file = jsonlFiles(join(config, 'projects')).find((f) => !f.includes('subagents'))!;
    const time = new Date().toISOString();
    // claude-sonnet-4-5: $3 in, $15 out per million tokens.
    appendFileSync(file, `${assistantLine({ messageId: 'msg_new', requestId: 'req_new', sessionId: 'sess-new', cwd: '/home/dev/new', time, input: 100, output: 200 })}\n{"type":"assistant","message":{"id":\nnot json\n`);
    const after = await waitFor(async () => {
      const total = await totalMicros();
      return total.requests === before.requests + 1 ? total : undefined;
    }, 'the appended request to be imported');
    expect(after.micros - before.micros).toBe(100 * 3 + 200 * 15);
    expect(await waitFor(async () => ((await status()).malformed_lines === 2 ? true : undefined), 'the malformed lines to be counted')).toBe(true);
  });

  it('resumes from each file’s cursor after a restart: lines written while stopped are read once', async () => {
    const before = await totalMicros();
    await t.close();
    expect(existsSync(join(t.dataDir, 'agent-logs', 'claude-code.json'))).toBe(true);
    const file = jsonlFiles(join(config, 'projects')).find((f) => f.includes('subagents'))!;
    appendFileSync(file, `${assistantLine({ messageId: 'msg_off', requestId: 'req_off', sessionId: 'sess-off', cwd: '/home/dev/off', time: new Date().toISOString(), input: 10, output: 10 })}\n`);
    t = await startTestCore(env(), { dataDir: t.dataDir });
    await t.core.agentLogs.get('claude-code')!.ready;
    expect(await totalMicros()).toEqual({ micros: before.micros + 10 * 3 + 10 * 15, requests: before.requests + 1 });
    // Only the appended line was read: one file, a few hundred bytes.
    const s = await status();
    expect(s).toMatchObject({ requests: before.requests + 1, requests_this_pass: 1, files_read: 26 });
    expect(s.bytes_total).toBeLessThan(2_000);
    expect(await totalMicros()).toEqual({ micros: reference(join(config, 'projects')).micros, requests: reference(join(config, 'projects')).requests });
  });

  it('says which agents are read, and refuses an unknown one', async () => {
    expect((await t.api('GET', '/agents/codex/status')).body).toMatchObject({ agent: 'codex', state: 'off', roots: [], requests: 0 });
    const unknown = await t.api('GET', '/agents/cursor/status');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/claude-code, codex, gemini/);
    expect((await t.api('POST', '/agents/codex/import')).status).toBe(400);
    expect((await t.api('POST', '/agents/claude-code/import')).body).toEqual({ imported: 0 });
  });
});

describe('importing while the proxy’s thread writes', () => {
  it('loses nothing on either side: the import’s slices that the proxy’s writes interrupt are rolled back and stored again', async () => {
    // A larger history of its own, so the import is still under way while the writes go in.
    const large = mkdtempSync(join(tmpdir(), 'agent-budget-history-'));
    writeHistory(large, { copies: 12, seed: 11 });
    const busy = await startTestCore({ AGENT_BUDGET_CLAUDE_LOGS: '1', CLAUDE_CONFIG_DIR: large });
    try {
      const importing = busy.core.agentLogs.get('claude-code')!.ready;
      let done = false;
      void importing.then(() => (done = true));
      // Each budget created is a write transaction on the proxy's thread, through the write gate.
      const names: string[] = [];
      for (let i = 0; i < 2_000 && !done; i++) {
        const name = `writer-${i}`;
        expect((await busy.api('POST', '/budgets', { name, max_dollars: 1 })).status).toBe(201);
        names.push(name);
      }
      await importing;
      expect(names.length).toBeGreaterThan(20);
      const { budgets } = (await busy.api('GET', '/budgets')).body as { budgets: { name: string }[] };
      expect(budgets.map((b) => b.name).filter((name) => name.startsWith('writer-')).sort()).toEqual(names.sort());
      const { projects } = (await busy.api('GET', `/claude-code/projects?days=${DAYS}`)).body as { projects: { cost_dollars: number; requests: number }[] };
      const expected = reference(join(large, 'projects'));
      expect(expected.requests).toBe(12 * 2_925);
      expect({ micros: projects.reduce((sum, p) => sum + Math.round(p.cost_dollars * 1e6), 0), requests: projects.reduce((sum, p) => sum + p.requests, 0) }).toEqual({
        micros: expected.micros,
        requests: expected.requests,
      });
    } finally {
      await busy.close();
    }
  }, 60_000);
});
