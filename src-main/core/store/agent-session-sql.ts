/**
 * The agents' sessions as their logs describe them (one row per agent and session id): a title when
 * the log has one, the working folder, the first and last request. Filled by the log import in the
 * same transaction as the session's requests; the same statement in both dialects.
 */
import type { AgentId } from '../../../src-shared/agents.js';

export interface AgentSessionUpsert {
  agent: AgentId;
  session_id: string;
  /** The latest title wins; null leaves the one known. */
  title: string | null;
  /** The first folder known stays. */
  project: string | null;
  first_at: number | null;
  last_at: number | null;
}

export const agentSessionSql = {
  upsert: `INSERT INTO agent_sessions (agent, session_id, title, project, first_at, last_at)
    VALUES (@agent, @session_id, @title, @project, @first_at, @last_at)
    ON CONFLICT (agent, session_id) DO UPDATE SET
      title = COALESCE(excluded.title, agent_sessions.title),
      project = COALESCE(agent_sessions.project, excluded.project),
      first_at = CASE WHEN agent_sessions.first_at IS NULL OR excluded.first_at < agent_sessions.first_at THEN excluded.first_at ELSE agent_sessions.first_at END,
      last_at = CASE WHEN agent_sessions.last_at IS NULL OR excluded.last_at > agent_sessions.last_at THEN excluded.last_at ELSE agent_sessions.last_at END`,
};
