/**
 * The first run: the agents found on this machine, the budget proposed for them, and what setting
 * each one up changed (so it can be undone). Shared by the core (GET/POST /api/first-run…) and the
 * dashboard's welcome view.
 */
import type { AgentId } from './agents.js';

/** One file a setup wrote: created, or changed with the original kept as `backup`. */
export interface FirstRunChange {
  file: string;
  action: 'created' | 'modified';
  backup: string | null;
}

export interface FirstRunAgent {
  id: AgentId;
  name: string;
  /** Whether the agent is on this machine, and what showed it (its folder, its command on PATH). */
  found: boolean;
  evidence: string[];
  /** Where it was looked for: its folder and its command. */
  looked_for: string[];
  /** What one click would change, in words, before it is clicked. */
  plan: string;
  /** What the first run changed for this agent, until it is undone. */
  applied: { budget: string; changes: FirstRunChange[] } | null;
}

export interface FirstRunProposal {
  name: string;
  max_dollars: number;
  period: 'daily';
}

export interface FirstRunStatus {
  /** True until the person finishes or skips the walkthrough on a data folder with no usage yet. */
  pending: boolean;
  completed_at: string | null;
  proxy_url: string;
  agents: FirstRunAgent[];
  proposed_budget: FirstRunProposal;
}

export interface FirstRunSetupResult {
  agent: AgentId;
  budget: string;
  changes: FirstRunChange[];
}

export interface FirstRunUndoResult {
  agent: AgentId;
  undone: { file: string; result: 'restored' | 'removed' | 'nothing to undo' }[];
}
