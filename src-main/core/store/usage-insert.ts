import type { Micros } from '../money.js';
import type { Provider, Usage } from '../usage.js';
import type { AuthKind, UsageSource } from './types.js';

/** A usage record that arrives already settled (e.g. imported from Claude Code's logs). */
export interface UsageInsert {
  budget_id: number | null;
  provider: Provider;
  model: string;
  usage: Usage;
  cost_micros: Micros;
  price_inferred: boolean;
  request_id: string | null;
  session_id: string | null;
  project: string | null;
  auth_kind: AuthKind | null;
  source: UsageSource;
  created_at: number;
  /** The start of its budget's current period, when it has a budget (a watched project's). */
  budget_period_start: number | null;
}
