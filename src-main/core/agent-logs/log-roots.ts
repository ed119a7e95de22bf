/**
 * Which agents' logs are read, and where. Each agent's import is on unless turned off: by its own
 * flag (AGENT_BUDGET_CLAUDE_LOGS, AGENT_BUDGET_CODEX_LOGS, AGENT_BUDGET_GEMINI_LOGS), else by
 * AGENT_BUDGET_AGENT_LOGS for all of them. Its folders are the agent's own defaults (from its env
 * variables or the home folder) unless AGENT_BUDGET_<AGENT>_LOG_ROOTS lists others (comma-separated).
 * A folder that does not exist yet is kept: the agent may be installed while the app runs.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { AgentId } from '../../../src-shared/agents.js';
import { AGENT_LOG_ADAPTERS } from './adapters/index.js';

const envName = (agent: AgentId) => `AGENT_BUDGET_${agent.split('-')[0].toUpperCase()}`;
const ON = new Set(['1', 'true', 'yes']);
const OFF = new Set(['0', 'false', 'no']);

function enabled(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (ON.has(value)) return true;
  if (OFF.has(value)) return false;
  throw new Error(`Invalid configuration: expected 1 or 0, got "${value}"`);
}

/** The roots to read per agent; an agent whose import is off has none. */
export function agentLogRoots(env: NodeJS.ProcessEnv = process.env, home = env.HOME || homedir()): Record<AgentId, string[]> {
  const all = enabled(env.AGENT_BUDGET_AGENT_LOGS, true);
  const roots = { 'claude-code': [], codex: [], gemini: [] } as Record<AgentId, string[]>;
  for (const adapter of AGENT_LOG_ADAPTERS) {
    const name = envName(adapter.agent);
    if (!enabled(env[`${name}_LOGS`], all)) continue;
    const listed = env[`${name}_LOG_ROOTS`]?.split(',').map((dir) => dir.trim()).filter(Boolean);
    roots[adapter.agent] = [...new Set(listed?.length ? listed.map((dir) => resolve(dir)) : adapter.defaultRoots(env, home))];
  }
  return roots;
}
