/** The Gemini CLI's session lines (as Gemini CLI 0.61.0 writes them) read by the log adapter. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geminiLogs, type GeminiLogState, parseGeminiLine } from '../../src-main/core/agent-logs/adapters/gemini.js';

const META = '{"sessionId":"96ece1d3-5bb5-49d8-826c-ea5a3ee2e66a","projectHash":"57a75678328db13ceca19277abf7e20d78fcf4a7640dd37dd920824fce0f2d3e","startTime":"2026-12-05T18:44:07.702Z","lastUpdated":"2026-12-05T18:44:07.702Z","kind":"main"}';
const USER = '{"id":"7a0e2fd6-1e19-4a97-8d40-d65eb646b0ba","timestamp":"2026-12-05T18:44:07.877Z","type":"user","content":[{"text":"say hi"}]}';
const ANSWER =
  '{"id":"d56ac59b-d9ff-4325-8b9b-77e1203cc072","timestamp":"2026-12-05T18:44:08.295Z","type":"gemini","content":"Hello.","thoughts":[],' +
  '"tokens":{"input":1200,"output":90,"cached":400,"thoughts":30,"tool":50,"total":1370},"model":"gemini-3.1-pro-preview"}';
const SET_TIME = '{"$set":{"lastUpdated":"2026-12-05T18:44:08.295Z"}}';
const SET_SUMMARY = '{"$set":{"summary":"Say hi to the user"}}';

const fresh = (): GeminiLogState => ({ sessionId: null, project: '/home/dev/app' });

describe('Gemini CLI session lines', () => {
  it('a model answer is one request: prompt plus tool prompt less cached as input, answer plus thoughts as output', () => {
    const state = fresh();
    expect(parseGeminiLine(META, state)).toEqual({ kind: 'skip' });
    expect(state.sessionId).toBe('96ece1d3-5bb5-49d8-826c-ea5a3ee2e66a');
    expect(parseGeminiLine(ANSWER, state)).toEqual({
      kind: 'request',
      request: {
        requestKey: 'gemini:gemini-3.1-pro-preview:850:400:120',
        sessionId: '96ece1d3-5bb5-49d8-826c-ea5a3ee2e66a',
        project: '/home/dev/app',
        model: 'gemini-3.1-pro-preview',
        usage: { input_tokens: 850, cache_read_input_tokens: 400, output_tokens: 120, cache_write_5m_tokens: 0, cache_write_1h_tokens: 0, web_search_requests: 0 },
        time: Date.parse('2026-12-05T18:44:08.295Z'),
      },
    });
  });

  it('the same answer appended again (updated with tool calls) keeps its key, so it counts once', () => {
    const state = fresh();
    const again = ANSWER.replace('"thoughts":[]', '"thoughts":[],"toolCalls":[{"id":"t1","name":"ls","args":{},"status":"success","timestamp":"2026-12-05T18:44:09.000Z"}]');
    const first = parseGeminiLine(ANSWER, state);
    const second = parseGeminiLine(again, state);
    expect(first.kind === 'request' && second.kind === 'request' && first.request.requestKey === second.request.requestKey).toBe(true);
  });

  it('user lines, metadata updates and answers without tokens are skipped; a summary titles the session; broken lines are malformed', () => {
    const state = fresh();
    parseGeminiLine(META, state);
    expect(parseGeminiLine(USER, state)).toEqual({ kind: 'skip' });
    expect(parseGeminiLine(SET_TIME, state)).toEqual({ kind: 'skip' });
    expect(parseGeminiLine(ANSWER.replace(/"tokens":\{[^}]*\},/, ''), state)).toEqual({ kind: 'skip' });
    expect(parseGeminiLine(SET_SUMMARY, state)).toEqual({ kind: 'session', session: { sessionId: '96ece1d3-5bb5-49d8-826c-ea5a3ee2e66a', title: 'Say hi to the user', project: '/home/dev/app' } });
    expect(parseGeminiLine('{"id":"x","type":"gemini"', state)).toEqual({ kind: 'malformed' });
    expect(parseGeminiLine('[1,2]', state)).toEqual({ kind: 'malformed' });
  });

  it('reads the project folder from the .project_root the CLI keeps beside the chats, and only session files are logs', () => {
    const root = mkdtempSync(join(tmpdir(), 'agent-budget-gemini-tmp-'));
    mkdirSync(join(root, 'my-app', 'chats'), { recursive: true });
    writeFileSync(join(root, 'my-app', '.project_root'), '/home/dev/my-app');
    expect(geminiLogs.initialState(join(root, 'my-app', 'chats', 'session-2026-12-05T18-44-96ece1d3.jsonl'))).toEqual({ sessionId: null, project: '/home/dev/my-app' });
    expect(geminiLogs.initialState(join(root, 'old-hash', 'chats', 'session-1.jsonl'))).toEqual({ sessionId: null, project: null });
    expect(geminiLogs.isLogFile(join('my-app', 'chats', 'session-2026-12-05T18-44-96ece1d3.jsonl'))).toBe(true);
    expect(geminiLogs.isLogFile(join('my-app', 'logs.json'))).toBe(false);
    expect(geminiLogs.isLogFile(join('my-app', 'chats', 'session-1.json'))).toBe(false);
    expect(geminiLogs.defaultRoots({}, '/home/dev')).toEqual(['/home/dev/.gemini/tmp']);
    expect(geminiLogs.defaultRoots({ GEMINI_CLI_HOME: '/opt/g' }, '/home/dev')).toEqual(['/opt/g/.gemini/tmp']);
    // Lines that matter hold one of the adapter's markers; the rest are skipped unparsed.
    for (const line of [META, ANSWER, SET_SUMMARY]) expect(geminiLogs.interestingLines.some((marker) => line.includes(marker))).toBe(true);
    expect(geminiLogs.interestingLines.some((marker) => USER.includes(marker))).toBe(false);
  });
});
