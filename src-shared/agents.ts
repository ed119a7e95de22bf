/**
 * The coding agents whose own session logs the app reads, and what the API says about reading them.
 * Shared by the core (which serves it) and the dashboard (which shows it).
 */

export type AgentId = 'claude-code' | 'codex' | 'gemini';
export const AGENT_IDS: readonly AgentId[] = ['claude-code', 'codex', 'gemini'];

/** The `source` of a usage row: the proxy's own record, or one agent's logs. */
export type AgentLogSource = `${AgentId}-logs`;
export const logSourceOf = (agent: AgentId): AgentLogSource => `${agent}-logs`;

/** GET /api/agents/:agent/status: what is known of an agent's logs and what the import is doing. */
export interface AgentLogStatus {
  agent: AgentId;
  /** The folders read (absent folders included, so the dashboard can say where it looked). */
  roots: string[];
  /** off: import disabled; reading: a pass is under way; watching: up to date, waiting for new lines. */
  state: 'off' | 'reading' | 'watching';
  /** Log files found, and how many of them the current (or last) pass has read. */
  files: number;
  files_read: number;
  /** Bytes the current (or last) pass has to read, and has read: progress = bytes_read / bytes_total. */
  bytes_total: number;
  bytes_read: number;
  /** Requests of this agent in the store (all passes, survives restarts). */
  requests: number;
  /** Requests found by the current (or last) pass. */
  requests_this_pass: number;
  malformed_lines: number;
  unpriced_models: string[];
  /** When the last pass finished, and when a pass last found new requests (ms since the epoch). */
  last_import_at: number | null;
  last_change_at: number | null;
}

/** The agent whose logs a usage row came from. */
export const agentOfSource = (source: AgentLogSource): AgentId => source.slice(0, -'-logs'.length) as AgentId;
