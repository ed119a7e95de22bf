/**
 * The Gemini CLI's session files: `<project>/chats/session-*.jsonl` under `~/.gemini/tmp` (or
 * `$GEMINI_CLI_HOME/.gemini/tmp`). The first line holds the session id; each model answer is a
 * `"type":"gemini"` message with its `model` and `tokens` (the answer's usageMetadata), appended
 * again whole whenever it changes (same id, so it counts once); `$set` lines update the session
 * (its `summary` is the title). The project folder is recorded beside the chats, in `.project_root`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { logSourceOf } from '../../../../src-shared/agents.js';
import { usageFromMetadata, usageKey } from '../../providers/gemini/usage.js';
import type { LineLogAdapter, LineResult } from '../adapter.js';
import { lineObject, MALFORMED, SKIP } from '../line-json.js';

type Json = Record<string, unknown>;
export type GeminiLogState = { sessionId: string | null; project: string | null };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `<project>/chats/session-*.jsonl`, relative to a root. */
function isSessionFile(relativePath: string): boolean {
  const parts = relativePath.split(sep);
  return parts.length === 3 && parts[1] === 'chats' && /^session-.*\.jsonl$/.test(parts[2]!);
}

export function geminiLogRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  return [join(env.GEMINI_CLI_HOME || home, '.gemini', 'tmp')];
}

/** The project a session file belongs to: `<slug>/.project_root`, written by the CLI (0.20 and later). */
export function projectOfSessionFile(file: string): string | null {
  try {
    const root = readFileSync(join(dirname(dirname(file)), '.project_root'), 'utf8').trim();
    return root === '' ? null : root;
  } catch {
    // Older CLIs named the folder by a hash of the path and kept no marker.
    return null;
  }
}

function tokenUsage(tokens: Json) {
  return usageFromMetadata({
    promptTokenCount: tokens.input,
    cachedContentTokenCount: tokens.cached,
    candidatesTokenCount: tokens.output,
    thoughtsTokenCount: tokens.thoughts,
    toolUsePromptTokenCount: tokens.tool,
  });
}

function answerLine(json: Json, state: GeminiLogState): LineResult {
  const { tokens, model, timestamp } = json;
  if (!isObject(tokens) || typeof model !== 'string' || typeof timestamp !== 'string') return SKIP;
  const usage = tokenUsage(tokens);
  const time = Date.parse(timestamp);
  if (!usage || Number.isNaN(time)) return SKIP;
  return { kind: 'request', request: { requestKey: usageKey(model, usage), sessionId: state.sessionId, project: state.project, model, usage, time } };
}

export function parseGeminiLine(text: string, state: GeminiLogState): LineResult {
  const json = lineObject(text);
  if (!json) return MALFORMED;
  if (typeof json.sessionId === 'string' && typeof json.projectHash === 'string') {
    state.sessionId = json.sessionId;
    return typeof json.summary === 'string' ? { kind: 'session', session: { sessionId: json.sessionId, title: json.summary, project: state.project } } : SKIP;
  }
  const update = json.$set;
  if (isObject(update)) {
    if (typeof update.summary !== 'string' || state.sessionId === null) return SKIP;
    return { kind: 'session', session: { sessionId: state.sessionId, title: update.summary, project: state.project } };
  }
  return json.type === 'gemini' ? answerLine(json, state) : SKIP;
}

export const geminiLogs: LineLogAdapter<GeminiLogState> = {
  agent: 'gemini',
  source: logSourceOf('gemini'),
  provider: 'gemini',
  format: 'jsonl',
  defaultRoots: geminiLogRoots,
  isLogFile: isSessionFile,
  interestingLines: ['"tokens"', '"sessionId"', '"summary"'],
  initialState: (file) => ({ sessionId: null, project: projectOfSessionFile(file) }),
  parseLine: (line, state) => parseGeminiLine(line, state),
};
