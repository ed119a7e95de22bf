/**
 * The agent-log pipeline an adapter plugs into: lines found and pre-filtered on raw bytes, a
 * per-file parser state resumed from its cursor, half-written lines left for later, replaced files
 * read again, documents re-read whole, batches that carry their cursors last.
 */
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentLogAdapter, FileState, LineLogAdapter, LineResult } from '../../src-main/core/agent-logs/adapter.js';
import type { FileCursor } from '../../src-main/core/agent-logs/cursors.js';
import { listLogFiles } from '../../src-main/core/agent-logs/log-files.js';
import { mergeBatches } from '../../src-main/core/agent-logs/merge-batches.js';
import { hasNews, type ImportBatch, readPass } from '../../src-main/core/agent-logs/read-pass.js';
import { PriceBook } from '../../src-main/core/pricing/price-book.js';
import { SEED_PRICES } from '../../src-main/core/pricing/seed.js';

const prices = new PriceBook(SEED_PRICES);
const usage = (output: number) => ({ input_tokens: 1_000, output_tokens: output, cache_write_5m_tokens: 0, cache_write_1h_tokens: 0, cache_read_input_tokens: 0, web_search_requests: 0 });

/** Codex-like: the session's id and folder come once, on the first line; usage lines follow and carry neither. */
interface RolloutState extends FileState {
  session: string | null;
  cwd: string | null;
  turns: number;
}
const parsed: string[] = [];
const rollout: LineLogAdapter<RolloutState> = {
  agent: 'codex',
  source: 'codex-logs',
  provider: 'openai',
  format: 'jsonl',
  defaultRoots: () => [],
  isLogFile: (path) => path.endsWith('.jsonl'),
  interestingLines: ['"meta"', '"usage"'],
  initialState: () => ({ session: null, cwd: null, turns: 0 }),
  parseLine(line, state, context): LineResult {
    parsed.push(line);
    const json = JSON.parse(line) as { meta?: { id: string; cwd: string }; usage?: { out: number }; title?: string };
    if (json.meta) {
      state.session = json.meta.id;
      state.cwd = json.meta.cwd;
      return json.title ? { kind: 'session', session: { sessionId: json.meta.id, title: json.title } } : { kind: 'skip' };
    }
    if (!json.usage || !state.session) return { kind: 'skip' };
    state.turns++;
    return {
      kind: 'request',
      request: { requestKey: `${state.session}@${context.offset}`, sessionId: state.session, project: state.cwd, model: 'gpt-4.1-mini', usage: usage(json.usage.out), time: 1_764_000_000_000 + state.turns },
    };
  },
};

const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const noise = (n: number) => line({ type: 'prompt', text: 'x'.repeat(n) });

async function pass(adapter: LineLogAdapter<RolloutState> | DocumentLogAdapter, root: string, cursors: Map<string, FileCursor>, batchRows?: number) {
  const files = (await listLogFiles(adapter, [root])).filter((file) => hasNews(adapter, file, cursors.get(file.path)));
  const batches: ImportBatch[] = [];
  for await (const batch of readPass(adapter, files, cursors, prices, { batchRows })) {
    batches.push(batch);
    for (const [path, cursor] of batch.cursors) cursors.set(path, cursor);
  }
  return { batches, rows: batches.flatMap((b) => b.rows), malformed: batches.reduce((n, b) => n + b.malformed, 0), sessions: batches.flatMap((b) => b.sessions) };
}

describe('agent-log pipeline', () => {
  it('resumes a file’s parser state from its cursor: lines appended later still know their session', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    const file = join(root, '2026', 'rollout-1.jsonl');
    mkdirSync(join(root, '2026'));
    appendFileSync(file, line({ meta: { id: 's-1', cwd: '/w/app' }, title: 'Add login' }) + noise(500) + line({ usage: { out: 10 } }));
    const cursors = new Map<string, FileCursor>();
    parsed.length = 0;
    const first = await pass(rollout, root, cursors);
    expect(first.rows.map((r) => [r.session_id, r.project, r.usage.output_tokens])).toEqual([['s-1', '/w/app', 10]]);
    expect(first.sessions).toEqual([{ agent: 'codex', session_id: 's-1', title: 'Add login', project: '/w/app', first_at: 1_764_000_000_001, last_at: 1_764_000_000_001 }]);
    // The prompt line holds no interesting substring: never decoded nor parsed.
    expect(parsed.some((l) => l.includes('prompt'))).toBe(false);
    expect(cursors.get(file)?.state).toEqual({ session: 's-1', cwd: '/w/app', turns: 1 });

    // A later pass (as after a restart: only the cursors carry over) reads only what was appended.
    appendFileSync(file, line({ usage: { out: 20 } }) + '{"usage":{"out":');
    const second = await pass(rollout, root, new Map(cursors));
    expect(second.rows.map((r) => [r.session_id, r.project, r.usage.output_tokens, r.request_id])).toEqual([['s-1', '/w/app', 20, expect.stringMatching(/^s-1@\d+$/)]]);
    expect(second.malformed).toBe(0);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.request_id)).size).toBe(2);
  });

  it('waits for a half-written last line, and counts broken complete lines as malformed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    const file = join(root, 'r.jsonl');
    writeFileSync(file, line({ meta: { id: 's-2', cwd: '/w' } }) + '{"usage":{"out":5}\n' + 'not json at all\n' + '\n' + '{"usage":{"out":');
    const cursors = new Map<string, FileCursor>();
    const first = await pass(rollout, root, cursors);
    expect(first.rows).toEqual([]);
    expect(first.malformed).toBe(2);
    appendFileSync(file, '7}}\n');
    const second = await pass(rollout, root, cursors);
    expect(second.rows.map((r) => r.usage.output_tokens)).toEqual([7]);
  });

  it('reads a replaced file (it shrank) again from its start, with a fresh state', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    const file = join(root, 'r.jsonl');
    writeFileSync(file, line({ meta: { id: 'old', cwd: '/w' } }) + noise(2_000) + line({ usage: { out: 1 } }));
    const cursors = new Map<string, FileCursor>();
    await pass(rollout, root, cursors);
    writeFileSync(file, line({ meta: { id: 'new', cwd: '/v' } }) + line({ usage: { out: 3 } }));
    const again = await pass(rollout, root, cursors);
    expect(again.rows.map((r) => [r.session_id, r.project, r.usage.output_tokens])).toEqual([['new', '/v', 3]]);
  });

  it('hands over batches of at most the batch size, each file’s cursor with its last rows', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    for (const name of ['a', 'b']) writeFileSync(join(root, `${name}.jsonl`), line({ meta: { id: name, cwd: '/w' } }) + Array.from({ length: 25 }, (_, i) => line({ usage: { out: i + 1 } })).join(''));
    const cursors = new Map<string, FileCursor>();
    const { batches, rows } = await pass(rollout, root, cursors, 10);
    expect(rows).toHaveLength(50);
    expect(batches.every((b) => b.rows.length <= 10)).toBe(true);
    expect(batches.reduce((n, b) => n + b.filesRead, 0)).toBe(2);
    // Each cursor comes no earlier than the last of the rows it covers.
    const lastRowOf = (name: string) => batches.findLastIndex((b) => b.rows.some((r) => r.session_id === name));
    const cursorOf = (name: string) => batches.findIndex((b) => b.cursors.some(([path]) => path.endsWith(`${name}.jsonl`)));
    for (const name of ['a', 'b']) expect(cursorOf(name)).toBeGreaterThanOrEqual(lastRowOf(name));
  });

  it('merges consecutive batches into one that stores the same rows, cursors, counts and sessions', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    for (const name of ['a', 'b']) writeFileSync(join(root, `${name}.jsonl`), line({ meta: { id: name, cwd: '/w' }, title: `T${name}` }) + Array.from({ length: 25 }, (_, i) => line({ usage: { out: i + 1 } })).join('') + '{broken\n');
    const { batches, rows, malformed, sessions } = await pass(rollout, root, new Map(), 10);
    const merged = mergeBatches(batches);
    expect(merged.rows).toEqual(rows);
    expect(merged.sessions).toEqual(sessions);
    expect(merged.malformed).toBe(malformed);
    expect(merged.malformed).toBe(2);
    expect(merged.filesRead).toBe(2);
    expect(merged.bytes).toBe(batches.reduce((n, b) => n + b.bytes, 0));
    expect(merged.cursors).toEqual(batches.flatMap((b) => b.cursors));
  });

  it('reads a rewritten document whole whenever it changes, and not when it has not', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    const file = join(root, 'chat.json');
    const chat: DocumentLogAdapter = {
      agent: 'gemini',
      source: 'gemini-logs',
      provider: 'openai',
      format: 'document',
      defaultRoots: () => [],
      isLogFile: (path) => path.endsWith('.json'),
      parseDocument: (text) => ({
        results: (JSON.parse(text) as { id: string; out: number }[]).map((m) => ({ kind: 'request', request: { requestKey: m.id, sessionId: 'c', project: null, model: 'gpt-4.1-mini', usage: usage(m.out), time: 1 } })),
      }),
    };
    writeFileSync(file, JSON.stringify([{ id: 'm1', out: 5 }]));
    const cursors = new Map<string, FileCursor>();
    expect((await pass(chat, root, cursors)).rows.map((r) => r.request_id)).toEqual(['m1']);
    expect((await pass(chat, root, cursors)).rows).toEqual([]);
    writeFileSync(file, JSON.stringify([{ id: 'm1', out: 5 }, { id: 'm2', out: 9 }]));
    expect((await pass(chat, root, cursors)).rows.map((r) => r.request_id)).toEqual(['m1', 'm2']);
  });

  it('prices each request with the pricing table for the adapter’s provider, exactly', async () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-logs-'));
    writeFileSync(join(root, 'r.jsonl'), line({ meta: { id: 's', cwd: '/w' } }) + line({ usage: { out: 1_000 } }));
    const { rows } = await pass(rollout, root, new Map());
    // gpt-4.1-mini: $0.40 in, $1.60 out per million tokens.
    expect(rows[0]).toMatchObject({ provider: 'openai', source: 'codex-logs', cost_micros: 400 + 1_600, price_inferred: false });
  });
});
