/** Budget values as the core's API returns them, for the pure tray tests. */
import type { Budget } from '../../src-shared/api.js';

export function budgetJson(fields: Partial<Budget> & Pick<Budget, 'id' | 'name'>): Budget {
  const max = fields.max_dollars === undefined ? 25 : fields.max_dollars;
  const spent = fields.spent_dollars ?? 0;
  return {
    max_dollars: max,
    period: 'daily',
    timezone: 'UTC',
    webhook_url: null,
    clamp_max_tokens: false,
    max_dollars_per_session: null,
    watch_project: null,
    spent_dollars: spent,
    reserved_dollars: 0,
    remaining_dollars: max === null ? null : Math.max(0, max - spent),
    percent_used: max ? Math.round((spent / max) * 10_000) / 100 : null,
    period_start: '2026-11-23T00:00:00.000Z',
    resets_at: '2026-11-24T00:00:00.000Z',
    created_at: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
}
