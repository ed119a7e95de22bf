/** Claude Code transcript lines: what costs money, what is skipped, which copy of a message counts. */
import { describe, expect, it } from 'vitest';
import type { LogRequest } from '../../src-main/core/agent-logs/adapter.js';
import { parseClaudeLine as parseTranscriptLine } from '../../src-main/core/agent-logs/adapters/claude-code.js';
import { latestCopies } from '../../src-main/core/agent-logs/latest-copies.js';
import { assistantLine, userLine } from '../helpers/claude-transcripts.js';

const base = { messageId: 'msg_1', requestId: 'req_1', sessionId: 's-1', cwd: '/home/u/app', time: '2026-11-29T10:00:00.000Z' };
const entry = (text: string): LogRequest => {
  const parsed = parseTranscriptLine(text);
  if (parsed.kind !== 'request') throw new Error(`expected a request, got ${parsed.kind}`);
  return parsed.request;
};

describe('transcript lines', () => {
  it('reads model, usage with the cache-write split, ids, folder and time from an assistant entry', () => {
    const e = entry(assistantLine({ ...base, input: 12, output: 340, cache5m: 1000, cache1h: 2000, cacheRead: 5000 }));
    expect(e).toEqual({
      requestKey: 'req_1',
      sessionId: 's-1',
      project: '/home/u/app',
      model: 'claude-sonnet-4-5-20250929',
      usage: { input_tokens: 12, output_tokens: 340, cache_write_5m_tokens: 1000, cache_write_1h_tokens: 2000, cache_read_input_tokens: 5000, web_search_requests: 0 },
      time: Date.UTC(2026, 10, 29, 10),
    });
  });

  it('keys an entry without a request id by its message id', () => {
    expect(entry(assistantLine({ ...base, requestId: undefined })).requestKey).toBe('msg_1');
  });

  it("skips user turns, Claude Code's synthetic messages and entries without usage; a broken line is malformed", () => {
    expect(parseTranscriptLine(userLine('s-1', '/x', base.time)).kind).toBe('skip');
    expect(parseTranscriptLine(assistantLine({ ...base, model: '<synthetic>' })).kind).toBe('skip');
    expect(parseTranscriptLine('{"type":"assistant","message":{').kind).toBe('malformed');
  });

  it("titles the session of the transcript a summary line heads (not a subagent's)", () => {
    const summary = JSON.stringify({ type: 'summary', summary: 'Fix the login bug', leafUuid: 'u-1' });
    expect(parseTranscriptLine(summary, '/h/.claude/projects/-home-u-app/s-1.jsonl')).toEqual({ kind: 'session', session: { sessionId: 's-1', title: 'Fix the login bug' } });
    expect(parseTranscriptLine(summary, '/h/.claude/projects/-home-u-app/s-1/subagents/agent-1.jsonl').kind).toBe('skip');
  });

  it('keeps, of several copies of one request, the one with the most output', () => {
    const copies = [10, 1, 500, 499].map((output) => entry(assistantLine({ ...base, output })));
    const other = entry(assistantLine({ ...base, messageId: 'msg_2', requestId: 'req_2', output: 7 }));
    expect(latestCopies([...copies, other]).map((e) => [e.requestKey, e.usage.output_tokens])).toEqual([
      ['req_1', 500],
      ['req_2', 7],
    ]);
  });
});
