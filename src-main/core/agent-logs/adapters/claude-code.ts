/**
 * Claude Code's session transcripts: `projects/<folder>/<session>.jsonl` under each config folder
 * (subagent transcripts included). Only assistant entries with `message.usage` cost money;
 * Claude Code's own `<synthetic>` messages and everything else are skipped, and `summary` lines
 * give the session its title.
 */
import { basename, join, resolve, sep } from 'node:path';
import { logSourceOf } from '../../../../src-shared/agents.js';
import { usageFromAnthropic } from '../../providers/anthropic/usage.js';
import type { LineLogAdapter, LineResult } from '../adapter.js';
import { lineObject, MALFORMED, SKIP } from '../line-json.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/**
 * `projects/` under each folder of CLAUDE_CONFIG_DIR (a comma-separated list) when set, else under
 * `~/.claude` and `~/.config/claude`.
 */
export function claudeLogRoots(env: NodeJS.ProcessEnv, home: string): string[] {
  const configDirs = env.CLAUDE_CONFIG_DIR
    ? env.CLAUDE_CONFIG_DIR.split(',').map((dir) => dir.trim()).filter(Boolean)
    : [join(home, '.claude'), join(home, '.config', 'claude')];
  return [...new Set(configDirs.map((dir) => resolve(dir, 'projects')))];
}

function summaryLine(json: Json, file: string): LineResult {
  // A summary names the conversation of the transcript it heads; the file is named by its session id.
  if (typeof json.summary !== 'string' || file.includes(`${sep}subagents${sep}`)) return SKIP;
  return { kind: 'session', session: { sessionId: basename(file, '.jsonl'), title: json.summary } };
}

export function parseClaudeLine(text: string, file = ''): LineResult {
  const json = lineObject(text);
  if (!json) return MALFORMED;
  if (json.type === 'summary') return summaryLine(json, file);
  const { message, requestId, sessionId, cwd, timestamp } = json;
  if (!isObject(message) || typeof message.id !== 'string' || typeof message.model !== 'string' || !isObject(message.usage)) return SKIP;
  if (message.model === '<synthetic>' || typeof timestamp !== 'string') return SKIP;
  if (!optionalString(requestId) || !optionalString(sessionId) || !optionalString(cwd)) return SKIP;
  const usage = usageFromAnthropic(message.usage);
  const time = Date.parse(timestamp);
  if (!usage || Number.isNaN(time)) return SKIP;
  return {
    kind: 'request',
    // The join key with the proxy's records: Anthropic's request id, else the message id.
    request: { requestKey: requestId ?? message.id, sessionId: sessionId ?? null, project: cwd ?? null, model: message.model, usage, time },
  };
}

export const claudeCodeLogs: LineLogAdapter<Record<string, never>> = {
  agent: 'claude-code',
  source: logSourceOf('claude-code'),
  provider: 'anthropic',
  format: 'jsonl',
  defaultRoots: claudeLogRoots,
  isLogFile: (relativePath) => relativePath.endsWith('.jsonl'),
  interestingLines: ['"usage"', '"summary"'],
  initialState: () => ({}),
  parseLine: (line, _state, context) => parseClaudeLine(line, context.file),
};
