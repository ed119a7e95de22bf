/** Codex rollout lines: what costs money, which lines repeat a request, what is malformed. */
import { describe, expect, it } from 'vitest';
import type { LineResult } from '../../src-main/core/agent-logs/adapter.js';
import { codexLogs, parseCodexLine } from '../../src-main/core/agent-logs/adapters/codex.js';
import { noiseLine, sessionMetaLine, tokenCountLine, turnContextLine, usageRecordLine } from '../helpers/codex-rollouts.js';

const T = '2026-12-05T10:00:00.000Z';
const FILE = '/home/u/.codex/sessions/2026/12/05/rollout-2026-12-05T10-00-00-s-1.jsonl';

/** Reads lines as the importer does: one state per file, offsets as the byte positions. */
function read(lines: string[]): LineResult[] {
  const state = codexLogs.initialState(FILE);
  let offset = 0;
  return lines.map((text) => {
    const result = parseCodexLine(text, state, { file: FILE, offset });
    offset += Buffer.byteLength(text) + 1;
    return result;
  });
}
const requests = (results: LineResult[]) => results.flatMap((r) => (r.kind === 'request' ? [r.request] : []));

describe('Codex rollout lines', () => {
  it('reads a request from token_usage_record: response id, session, folder, model, cached and reasoning tokens split as OpenAI bills them', () => {
    const results = read([
      sessionMetaLine('s-1', '/home/u/app', T),
      turnContextLine('gpt-6.1-sol', '/home/u/app', T),
      noiseLine(T),
      usageRecordLine('s-1', 'resp_1', { input: 20_000, cached: 12_000, cacheWrite: 3_000, output: 900, reasoning: 400 }, T),
      tokenCountLine({ input: 20_000, cached: 12_000, cacheWrite: 3_000, output: 900, reasoning: 400 }, { input: 20_000, output: 900 }, T),
    ]);
    expect(results[0]).toEqual({ kind: 'session', session: { sessionId: 's-1', project: '/home/u/app', time: Date.parse(T) } });
    expect(requests(results)).toEqual([
      {
        requestKey: 'resp_1',
        sessionId: 's-1',
        project: '/home/u/app',
        model: 'gpt-6.1-sol',
        usage: { input_tokens: 5_000, cache_read_input_tokens: 12_000, cache_write_5m_tokens: 3_000, cache_write_1h_tokens: 0, output_tokens: 900, web_search_requests: 0 },
        time: Date.parse(T),
      },
    ]);
  });

  it('counts token_count events where the version writes no token_usage_record, skipping a repeated total, keyed stably by offset', () => {
    const lines = [
      sessionMetaLine('s-old', '/home/u/old', T),
      turnContextLine('gpt-5.1-codex', '/home/u/old', T),
      tokenCountLine({ input: 1_000, cached: 200, output: 50 }, { input: 1_000, output: 50 }, T),
      tokenCountLine({ input: 1_000, cached: 200, output: 50 }, { input: 1_000, output: 50 }, T),
      tokenCountLine({ input: 1_500, cached: 1_000, output: 70, reasoning: 30 }, { input: 2_500, output: 120 }, T),
    ];
    const found = requests(read(lines));
    expect(found.map((r) => [r.model, r.usage.input_tokens, r.usage.cache_read_input_tokens, r.usage.output_tokens])).toEqual([
      ['gpt-5.1-codex', 800, 200, 50],
      ['gpt-5.1-codex', 500, 1_000, 70],
    ]);
    expect(found[0]!.requestKey).toMatch(/^codex:s-old:\d+$/);
    expect(requests(read(lines)).map((r) => r.requestKey)).toEqual(found.map((r) => r.requestKey));
  });

  it('follows the model and folder a turn switches to', () => {
    const found = requests(read([
      sessionMetaLine('s-2', '/home/u/a', T),
      turnContextLine('gpt-6.1-sol', '/home/u/a', T),
      usageRecordLine('s-2', 'resp_a', { input: 10, output: 1 }, T),
      turnContextLine('gpt-6.1-terra', '/home/u/a/pkg', T),
      usageRecordLine('s-2', 'resp_b', { input: 10, output: 1 }, T),
    ]));
    expect(found.map((r) => [r.requestKey, r.model, r.project])).toEqual([
      ['resp_a', 'gpt-6.1-sol', '/home/u/a'],
      ['resp_b', 'gpt-6.1-terra', '/home/u/a/pkg'],
    ]);
  });

  it('marks broken lines malformed and skips usage it cannot attribute to a model', () => {
    const results = read(['{"timestamp":"x","type":"event_msg","payload":{', '[1,2]', usageRecordLine('s-3', 'resp_x', { input: 1, output: 1 }, T)]);
    expect(results.map((r) => r.kind)).toEqual(['malformed', 'malformed', 'skip']);
  });

  it('reads rollout files only', () => {
    expect(codexLogs.isLogFile(['2026', '12', '05', 'rollout-2026-12-05T10-00-00-abc.jsonl'].join('/'))).toBe(true);
    expect(codexLogs.isLogFile('history.jsonl')).toBe(false);
    expect(codexLogs.defaultRoots({ CODEX_HOME: '/opt/codex' }, '/home/u')).toEqual(['/opt/codex/sessions', '/opt/codex/archived_sessions']);
    expect(codexLogs.defaultRoots({}, '/home/u')).toEqual(['/home/u/.codex/sessions', '/home/u/.codex/archived_sessions']);
  });
});
