/**
 * Codex CLI's session logs: `sessions/YYYY/MM/DD/rollout-<time>-<session id>.jsonl` under
 * `$CODEX_HOME` (default `~/.codex`), and `archived_sessions/` for archived ones. Each line is
 * `{timestamp, type, payload}`:
 * - `session_meta`: the session's id and working folder (`cwd`);
 * - `turn_context`: the model (and folder) of the turn that follows;
 * - `token_usage_record` (0.169 on): one request's usage with OpenAI's `response_id`, the id the
 *   proxy records for the same request, so a request seen by both is counted once;
 * - `event_msg` of `payload.type: "token_count"`: `info.last_token_usage` per request. Versions
 *   without `token_usage_record` log only these (repeating one when the total has not moved), so they
 *   count only where no `token_usage_record` gave the request already.
 * Usage: `input_tokens` includes `cached_input_tokens` and `cache_write_input_tokens`,
 * `output_tokens` includes `reasoning_output_tokens`, as in OpenAI's own usage objects.
 */
import { basename, join, resolve, sep } from 'node:path';
import { logSourceOf } from '../../../../src-shared/agents.js';
import { responsesUsage } from '../../providers/openai/usage.js';
import type { Usage } from '../../usage.js';
import type { LineContext, LineLogAdapter, LineResult, LogRequest } from '../adapter.js';
import { lineObject, MALFORMED, SKIP } from '../line-json.js';

type Json = Record<string, unknown>;

export interface CodexFileState {
  [key: string]: string | number | boolean | null;
  sessionId: string | null;
  cwd: string | null;
  model: string | null;
  /** The session's cumulative total after the last request counted, to skip repeated token_count events. */
  lastTotal: number | null;
  /** The file has `token_usage_record` lines: its token_count events repeat them. */
  usageRecords: boolean;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);

/** `sessions/` and `archived_sessions/` under CODEX_HOME, else under `~/.codex`. */
export function codexLogRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const codexHome = env.CODEX_HOME ? resolve(env.CODEX_HOME) : join(home, '.codex');
  return [join(codexHome, 'sessions'), join(codexHome, 'archived_sessions')];
}

/** Codex's token usage (`input_tokens`, `cached_input_tokens`, `cache_write_input_tokens`, `output_tokens`) in OpenAI's split. */
function codexUsage(value: unknown): Usage | null {
  if (!isObject(value) || typeof value.input_tokens !== 'number') return null;
  return responsesUsage({
    usage: {
      input_tokens: value.input_tokens,
      input_tokens_details: { cached_tokens: value.cached_input_tokens, cache_write_tokens: value.cache_write_input_tokens },
      output_tokens: value.output_tokens,
    },
  });
}

function request(state: CodexFileState, key: string, usage: Usage, time: number): LineResult {
  if (!state.model || Number.isNaN(time)) return SKIP;
  const found: LogRequest = { requestKey: key, sessionId: state.sessionId, project: state.cwd, model: state.model, usage, time };
  return { kind: 'request', request: found };
}

function sessionMeta(payload: Json, state: CodexFileState, time: number): LineResult {
  state.sessionId = text(payload.id) ?? text(payload.session_id) ?? state.sessionId;
  state.cwd = text(payload.cwd) ?? state.cwd;
  if (!state.sessionId) return SKIP;
  return { kind: 'session', session: { sessionId: state.sessionId, project: state.cwd, ...(Number.isNaN(time) ? {} : { time }) } };
}

function usageRecord(payload: Json, state: CodexFileState, time: number, context: LineContext): LineResult {
  state.usageRecords = true;
  const usage = codexUsage(payload.usage);
  if (!usage) return SKIP;
  state.sessionId = state.sessionId ?? text(payload.session_id);
  return request(state, text(payload.response_id) ?? fallbackKey(state, context), usage, time);
}

function tokenCount(payload: Json, state: CodexFileState, time: number, context: LineContext): LineResult {
  const info = payload.info;
  if (!isObject(info)) return SKIP;
  const total = isObject(info.total_token_usage) ? count(info.total_token_usage.total_tokens) : null;
  const repeated = total !== null && total === state.lastTotal;
  if (total !== null) state.lastTotal = total;
  if (state.usageRecords || repeated) return SKIP;
  const usage = codexUsage(info.last_token_usage);
  return usage ? request(state, fallbackKey(state, context), usage, time) : SKIP;
}

/** A key stable across re-reads where Codex logs no response id: the session (or file) and the line's offset. */
function fallbackKey(state: CodexFileState, context: LineContext): string {
  return `codex:${state.sessionId ?? basename(context.file, '.jsonl')}:${context.offset}`;
}

export function parseCodexLine(line: string, state: CodexFileState, context: LineContext): LineResult {
  const json = lineObject(line);
  if (!json) return MALFORMED;
  const { payload } = json;
  if (!isObject(payload)) return SKIP;
  const time = typeof json.timestamp === 'string' ? Date.parse(json.timestamp) : Number.NaN;
  switch (json.type) {
    case 'session_meta':
      return sessionMeta(payload, state, time);
    case 'turn_context':
      state.model = text(payload.model) ?? state.model;
      state.cwd = text(payload.cwd) ?? state.cwd;
      return SKIP;
    case 'token_usage_record':
      return usageRecord(payload, state, time, context);
    case 'event_msg':
      return payload.type === 'token_count' ? tokenCount(payload, state, time, context) : SKIP;
    default:
      return SKIP;
  }
}

export const codexLogs: LineLogAdapter<CodexFileState> = {
  agent: 'codex',
  source: logSourceOf('codex'),
  provider: 'openai',
  format: 'jsonl',
  defaultRoots: codexLogRoots,
  isLogFile: (relativePath) => {
    const name = relativePath.split(sep).at(-1) ?? '';
    return name.startsWith('rollout-') && name.endsWith('.jsonl');
  },
  interestingLines: ['"session_meta"', '"turn_context"', '"token_usage_record"', '"token_count"'],
  initialState: () => ({ sessionId: null, cwd: null, model: null, lastTotal: null, usageRecords: false }),
  parseLine: parseCodexLine,
};
