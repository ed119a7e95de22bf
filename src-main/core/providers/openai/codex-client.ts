/**
 * Recognises requests from OpenAI's Codex agents (the CLI, `codex exec`, the IDE extension): they
 * all name themselves in `originator` (`codex_cli_rs`, `codex_exec`, …) and in the user agent
 * (`codex_exec/0.169.0 (…)`). Codex needs a different refusal and an output ceiling, so the proxy
 * must know it is talking to Codex; the SDKs never send these.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { firstHeader } from '../../proxy/headers.js';

const CODEX_NAME = /^codex[_-]/i;

export function isCodexClient(headers: IncomingHttpHeaders): boolean {
  const originator = firstHeader(headers.originator);
  if (originator !== undefined) return CODEX_NAME.test(originator);
  return CODEX_NAME.test(firstHeader(headers['user-agent']) ?? '');
}

/** Codex's session id: its `session-id` header (the same id as `prompt_cache_key` and its log's session_meta.id). */
export function codexSessionId(headers: IncomingHttpHeaders): string | null {
  return isCodexClient(headers) ? (firstHeader(headers['session-id']) ?? null) : null;
}
