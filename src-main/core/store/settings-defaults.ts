import type { CoreSettings } from './types.js';

/** A request with no budget header lands in `default`: $10 a day until the user changes it. */
export const DEFAULT_SETTINGS: CoreSettings = {
  auto_create_budgets: false,
  retention_days: 90,
  default_max_micros: 10_000_000,
  default_period: 'daily',
  global_max_micros: null,
  global_period: 'monthly',
  fail_open: false,
  allowed_origins: [],
  paused: false,
};

export const DEFAULT_BUDGET_NAME = 'default';
