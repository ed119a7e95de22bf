/** Claude Code transcripts as the tests write them: JSONL lines in Claude Code's own shape. */
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface AssistantLine {
  model?: string;
  messageId: string;
  requestId?: string;
  sessionId: string;
  cwd: string;
  time: string;
  input?: number;
  output?: number;
  cache5m?: number;
  cache1h?: number;
  cacheRead?: number;
  sidechain?: boolean;
}

export function assistantLine(line: AssistantLine): string {
  const usage = {
    input_tokens: line.input ?? 0,
    cache_creation_input_tokens: (line.cache5m ?? 0) + (line.cache1h ?? 0),
    cache_read_input_tokens: line.cacheRead ?? 0,
    cache_creation: { ephemeral_5m_input_tokens: line.cache5m ?? 0, ephemeral_1h_input_tokens: line.cache1h ?? 0 },
    output_tokens: line.output ?? 0,
    service_tier: 'standard',
  };
  return JSON.stringify({
    parentUuid: null,
    isSidechain: line.sidechain ?? false,
    userType: 'external',
    cwd: line.cwd,
    sessionId: line.sessionId,
    version: '2.1.0',
    type: 'assistant',
    message: { id: line.messageId, type: 'message', role: 'assistant', model: line.model ?? 'claude-sonnet-4-6', content: [{ type: 'text', text: 'ok' }], stop_reason: null, usage },
    ...(line.requestId ? { requestId: line.requestId } : {}),
    uuid: `${line.messageId}-${Math.random()}`,
    timestamp: line.time,
  });
}

export function userLine(sessionId: string, cwd: string, time: string): string {
  return JSON.stringify({ type: 'user', sessionId, cwd, timestamp: time, message: { role: 'user', content: 'do the thing' } });
}

/** A CLAUDE_CONFIG_DIR with an empty `projects/`; `append` adds lines to a transcript under it. */
export function claudeConfigDir() {
  const dir = mkdtempSync(join(tmpdir(), 'agent-budget-claude-'));
  mkdirSync(join(dir, 'projects'));
  return {
    dir,
    append(relativePath: string, ...lines: string[]) {
      const file = join(dir, 'projects', relativePath);
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, lines.map((l) => `${l}\n`).join(''));
    },
  };
}
