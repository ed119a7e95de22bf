/** Codex CLI session logs as the tests write them: rollout JSONL lines in Codex 0.169's own shape. */
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CodexTokens {
  input: number;
  cached?: number;
  cacheWrite?: number;
  output: number;
  reasoning?: number;
}

const line = (time: string, type: string, payload: Record<string, unknown>) => JSON.stringify({ timestamp: time, type, payload });

function tokenUsage(t: CodexTokens) {
  return {
    input_tokens: t.input,
    cached_input_tokens: t.cached ?? 0,
    cache_write_input_tokens: t.cacheWrite ?? 0,
    output_tokens: t.output,
    reasoning_output_tokens: t.reasoning ?? 0,
    total_tokens: t.input + t.output,
  };
}

export const sessionMetaLine = (sessionId: string, cwd: string, time: string) =>
  line(time, 'session_meta', { session_id: sessionId, id: sessionId, timestamp: time, cwd, originator: 'codex_exec', cli_version: '0.169.0', model_provider: 'openai' });

export const turnContextLine = (model: string, cwd: string, time: string) => line(time, 'turn_context', { turn_id: 't', cwd, model, approval_policy: 'never' });

/** 0.169's per-request record, with the response id. */
export const usageRecordLine = (sessionId: string, responseId: string, tokens: CodexTokens, time: string) =>
  line(time, 'token_usage_record', { session_id: sessionId, thread_id: sessionId, turn_id: 't', response_id: responseId, usage: tokenUsage(tokens), turn_token_usage: tokenUsage(tokens) });

/** The token_count event every version writes; `total` is the session's running total. */
export const tokenCountLine = (tokens: CodexTokens, total: CodexTokens, time: string) =>
  line(time, 'event_msg', { type: 'token_count', info: { total_token_usage: tokenUsage(total), last_token_usage: tokenUsage(tokens), model_context_window: 258_400 }, rate_limits: null });

export const noiseLine = (time: string) => line(time, 'response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the "usage" bug' }] });

/** A temporary CODEX_HOME whose sessions the test writes. */
export function codexHomeDir() {
  const dir = mkdtempSync(join(tmpdir(), 'agent-budget-codex-'));
  return {
    dir,
    /** Appends lines to `sessions/<relative>`. */
    append(relative: string, ...lines: string[]) {
      const file = join(dir, 'sessions', relative);
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, lines.map((l) => `${l}\n`).join(''));
    },
  };
}
