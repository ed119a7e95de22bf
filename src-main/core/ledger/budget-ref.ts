/**
 * Which budget a request names, for both ledgers: its X-Budget-Id (or /b/ path) name or id, else the
 * built-in `default`. A missing budget is created only when auto-create is on (never from an id).
 */
import { AppError } from '../errors.js';
import { machineTimeZone } from '../period.js';
import { DEFAULT_BUDGET_NAME } from '../store/settings-defaults.js';
import type { BudgetInput, CoreSettings } from '../store/types.js';

export const budgetNameOf = (ref: string | null): string => ref ?? DEFAULT_BUDGET_NAME;

/** The budget to create for a name no budget has; throws the 404 the client sees when it may not be created. */
export function budgetToCreate(name: string, settings: CoreSettings): BudgetInput {
  if (name !== DEFAULT_BUDGET_NAME && !settings.auto_create_budgets) {
    throw new AppError('not_found_error', `No budget named '${name}' (from the X-Budget-Id header or the /b/ path). Budgets are created in the agent-budget dashboard.`);
  }
  if (/^\d+$/.test(name)) throw new AppError('not_found_error', `No budget with id ${name}.`);
  return { name, max_micros: settings.default_max_micros, period: settings.default_period, timezone: machineTimeZone(), webhook_url: null, clamp_max_tokens: false };
}
