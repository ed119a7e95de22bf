/** Claude Code transcript lines: what costs money, what is skipped, which copy of a message counts. */
import { describe, expect, it } from 'vitest';
import { latestCopies, parseTranscriptLine, type TranscriptEntry } from '../../src-main/core/claude-code/logs/transcript-entry.js';
import { assistantLine, userLine } from '../helpers/claude-transcripts.js';

const base = { messageId: 'msg_1', requestId: 'req_1', sessionId: 's-1', cwd: '/home/u/app', time: '2026-11-29T10:00:00.000Z' };
const entry = (text: string): TranscriptEntry => {
  const parsed = parseTranscriptLine(text);
  if (parsed.kind !== 'entry') throw new Error(`expected an entry, got ${parsed.kind}`);
  return parsed.entry;
};

describe('transcript lines', () => {
  it('reads model, usage with the cache-write split, ids, folder and time from an assistant entry', () => {
    const e = entry(assistantLine({ ...base, input: 12, output: 340, cache5m: 1000, cache1h: 2000, cacheRead: 5000 }));
    expect(e).toEqual({
      requestKey: 'req_1',
      messageId: 'msg_1',
      sessionId: 's-1',
      cwd: '/home/u/app',
      model: 'claude-sonnet-4-6',
      usage: { input_tokens: 12, output_tokens: 340, cache_write_5m_tokens: 1000, cache_write_1h_tokens: 2000, cache_read_input_tokens: 5000, web_search_requests: 0 },
      time: Date.UTC(2026, 10, 29, 10),
      sidechain: false,
    });
  });

  it('keys an entry without a request id by its message id', () => {
    expect(entry(assistantLine({ ...base, requestId: undefined })).requestKey).toBe('msg_1');
  });

  it("skips user turns, Claude Code's synthetic messages and entries without usage; a broken line is malformed", () => {
    expect(parseTranscriptLine(userLine('s-1', '/x', base.time)).kind).toBe('skip');
    expect(parseTranscriptLine(assistantLine({ ...base, model: '<synthetic>' })).kind).toBe('skip');
    expect(parseTranscriptLine(JSON.stringify({ type: 'summary', summary: 'x' })).kind).toBe('skip');
    expect(parseTranscriptLine('{"type":"assistant","message":{').kind).toBe('malformed');
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
