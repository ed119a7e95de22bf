/**
 * The agents view's HTTP contract: GET /api/agents/:agent/{summary,daily,projects,sessions,models,windows}.
 * Every answer names the range it covers; amounts are dollars (exact to the micro-dollar), times are
 * epoch milliseconds. `?format=csv` gives the same rows as CSV.
 */
import { AGENT_IDS, type AgentId } from './agents.js';

/** A coding agent (from its own logs), or the proxy's own traffic. */
export type AgentViewId = AgentId | 'proxy';
export const AGENT_VIEW_IDS: readonly AgentViewId[] = [...AGENT_IDS, 'proxy'];
export const AGENT_LABELS: Record<AgentViewId, string> = { 'claude-code': 'Claude Code', codex: 'Codex', gemini: 'Gemini', proxy: 'Proxy' };

export type RangeKey = 'today' | '7d' | '30d' | '90d' | 'month' | 'all';
export const RANGE_KEYS: readonly RangeKey[] = ['today', '7d', '30d', '90d', 'month', 'all'];
export const RANGE_NAMES: Record<RangeKey, string> = { today: 'Today', '7d': '7 days', '30d': '30 days', '90d': '90 days', month: 'This month', all: 'All time' };

export type SessionSort = 'cost' | 'requests' | 'last_at' | 'first_at';
export const SESSION_SORTS: readonly SessionSort[] = ['cost', 'requests', 'last_at', 'first_at'];
export type SortOrder = 'asc' | 'desc';
export type DailyGroup = 'project' | 'model';

/** The range an answer covers: [from, to), whole hours, and the viewer's offset from UTC its days follow. */
export interface ViewRange {
  range: RangeKey | null;
  from: number;
  to: number;
  offset_minutes: number;
}

export interface Spend {
  requests: number;
  cost_dollars: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface AgentSummary extends ViewRange {
  agent: AgentViewId;
  totals: Spend & { sessions: number; projects: number; first_at: number | null; last_at: number | null };
  /** The range of equal length just before (null for `all`), and the change against it. */
  previous: (Spend & { from: number; to: number }) | null;
  change: { cost_ratio: number | null; requests_ratio: number | null } | null;
}

/** One day's spend of one project or model (`key`); the days follow the viewer's offset. */
export interface DailyPoint {
  /** Local midnight, epoch ms. */
  start: number;
  /** YYYY-MM-DD in the viewer's zone. */
  date: string;
  key: string;
  requests: number;
  cost_dollars: number;
}

export interface AgentDaily extends ViewRange {
  agent: AgentViewId;
  group: DailyGroup;
  /** The series, dearest first; beyond the first few the rest are summed as "Other". */
  keys: { key: string; label: string; cost_dollars: number }[];
  points: DailyPoint[];
}

export interface Paged<T> extends ViewRange {
  agent: AgentViewId;
  items: T[];
  total: number;
  limit: number;
  offset: number;
  sort: SessionSort;
  order: SortOrder;
}

/** A project folder (the agent's working directory), or for the proxy's traffic without one, a budget. */
export interface AgentProject extends Spend {
  /** What the sessions query's `project` filter takes: the folder, or `budget:<name>`. */
  key: string;
  label: string;
  project: string | null;
  budget: string | null;
  sessions: number;
  first_at: number;
  last_at: number;
}

export interface ModelShare {
  model: string;
  requests: number;
  cost_dollars: number;
}

export interface AgentSession extends Spend {
  session_id: string;
  /** The agent's own title or summary of the session, when its logs have one. */
  title: string | null;
  /** The title, or the session id shortened. */
  label: string;
  project_key: string;
  first_at: number;
  last_at: number;
  /** Models used in the range, dearest first. */
  models: ModelShare[];
}

export interface AgentModel extends Spend {
  model: string;
  sessions: number;
  first_at: number;
  last_at: number;
  /** Part of the range's cost, 0–1. */
  share: number;
}

export interface AgentWindow {
  start: number;
  end: number;
  last_at: number;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_dollars: number;
  active: boolean;
}

export interface AgentWindows extends ViewRange {
  agent: AgentViewId;
  /** Latest first. */
  windows: AgentWindow[];
}
