/** Every agent whose logs the app reads: adding one is its adapter file and one line here. */
import type { AgentId } from '../../../../src-shared/agents.js';
import type { AgentLogAdapter } from '../adapter.js';
import { claudeCodeLogs } from './claude-code.js';
import { codexLogs } from './codex.js';
import { geminiLogs } from './gemini.js';

export const AGENT_LOG_ADAPTERS: readonly AgentLogAdapter[] = [
  claudeCodeLogs,
  codexLogs,
  geminiLogs,
];

export function adapterOf(agent: AgentId): AgentLogAdapter | undefined {
  return AGENT_LOG_ADAPTERS.find((adapter) => adapter.agent === agent);
}
