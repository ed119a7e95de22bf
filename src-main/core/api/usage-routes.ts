/** Usage rows, chart aggregates and totals: all served from indexes and hourly rollups. */
import type * as Api from '../../../src-shared/api.js';
import { microsToDollars } from '../money.js';
import { currentPeriod, machineTimeZone } from '../period.js';
import type { TimeBucket, Totals } from '../store/types.js';
import { findBudget } from './budget-routes.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';
import { TimeseriesQuery, UsageQuery } from './schemas.js';
import { usageView } from './views.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function bucketView(bucket: TimeBucket): Api.TimePoint {
  const { cost_micros, start, ...rest } = bucket;
  return { ...rest, start: new Date(start).toISOString(), cost_dollars: microsToDollars(cost_micros) };
}

function totalsView(totals: Totals) {
  const { cost_micros, ...rest } = totals;
  return { ...rest, cost_dollars: microsToDollars(cost_micros) };
}

export function usageRoutes(ctx: ApiContext) {
  const api = contractRouter();

  api.get('/budgets/:id/usage', async (req) => {
    const budget = await findBudget(ctx, req.params.id);
    const query = validate(UsageQuery, req.query);
    const { items, total } = await ctx.store.usage.list(budget.id, query);
    return { items: items.map(usageView), total, limit: query.limit, offset: query.offset };
  });

  const timeseries = async (budgetId: number | null, query: unknown): Promise<Api.Timeseries> => {
    const range = validate(TimeseriesQuery, query);
    const bucketMs = range.bucket === 'day' ? DAY : HOUR;
    const to = range.to ? Date.parse(range.to) : ctx.now();
    const from = range.from ? Date.parse(range.from) : to - (range.bucket === 'day' ? 30 * DAY : DAY);
    const points = await ctx.store.usage.timeseries(budgetId, bucketMs, from, to, range.offset_minutes * 60_000);
    return { bucket: range.bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points: points.map(bucketView) };
  };
  api.get('/budgets/:id/timeseries', async (req) => timeseries((await findBudget(ctx, req.params.id)).id, req.query));
  api.get('/timeseries', (req) => timeseries(null, req.query));

  api.get('/usage/recent-blocked', async (req) => {
    const limit = Math.min(100, Math.max(1, Number(req.query.limit) || 20));
    const rows = await ctx.store.usage.recentBlocked(limit);
    return { items: rows.map((row) => ({ ...usageView(row), budget_name: row.budget_name })) };
  });

  api.get('/stats', async () => {
    const now = ctx.now();
    const zone = machineTimeZone();
    const today = currentPeriod('daily', zone, now).start;
    const month = currentPeriod('monthly', zone, now).start;
    const [todayTotals, monthTotals, all, lastHour, topBudgets, topModels, providers] = await Promise.all([
      ctx.store.usage.totals(null, today),
      ctx.store.usage.totals(null, month),
      ctx.store.usage.totals(null, 0),
      ctx.store.usage.totals(null, now - HOUR),
      ctx.store.usage.top('budget', month, 5),
      ctx.store.usage.top('model', month, 5),
      ctx.store.usage.top('provider', month, 10),
    ]);
    const { cost_dollars, ...allTotals } = totalsView(all);
    return {
      today_dollars: microsToDollars(todayTotals.cost_micros),
      month_dollars: microsToDollars(monthTotals.cost_micros),
      total_dollars: cost_dollars,
      last_hour_dollars: microsToDollars(lastHour.cost_micros),
      ...allTotals,
      top_budgets: topBudgets.map((t) => ({ name: t.name, cost_dollars: microsToDollars(t.cost_micros) })),
      top_models: topModels.map((t) => ({ model: t.name, cost_dollars: microsToDollars(t.cost_micros) })),
      // The store groups by the provider column, which only ever holds a Provider.
      by_provider: providers.map((t) => ({ provider: t.name as Api.Provider, cost_dollars: microsToDollars(t.cost_micros) })),
    };
  });

  return api.router;
}
