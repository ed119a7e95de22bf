/** Usage rows, chart aggregates and totals: all served from indexes and hourly rollups. */
import { Router } from 'express';
import { microsToDollars } from '../money.js';
import { currentPeriod, machineTimeZone } from '../period.js';
import type { TimeBucket, Totals } from '../store/types.js';
import { findBudget } from './budget-routes.js';
import type { ApiContext } from './context.js';
import { validate } from './errors.js';
import { TimeseriesQuery, UsageQuery } from './schemas.js';
import { usageView } from './views.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function bucketView(bucket: TimeBucket) {
  const { cost_micros, start, ...rest } = bucket;
  return { ...rest, start: new Date(start).toISOString(), cost_dollars: microsToDollars(cost_micros) };
}

function totalsView(totals: Totals) {
  const { cost_micros, ...rest } = totals;
  return { ...rest, cost_dollars: microsToDollars(cost_micros) };
}

export function usageRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/budgets/:id/usage', async (req, res) => {
    const budget = await findBudget(ctx, req.params.id);
    const query = validate(UsageQuery, req.query);
    const { items, total } = await ctx.store.usage.list(budget.id, query);
    res.json({ items: items.map(usageView), total, limit: query.limit, offset: query.offset });
  });

  const timeseries = (scope: (id: string | undefined) => Promise<number | null>) => async (req: { params: { id?: string }; query: unknown }, res: { json: (body: unknown) => void }) => {
    const budgetId = await scope(req.params.id);
    const query = validate(TimeseriesQuery, req.query);
    const bucketMs = query.bucket === 'day' ? DAY : HOUR;
    const to = query.to ? Date.parse(query.to) : ctx.now();
    const from = query.from ? Date.parse(query.from) : to - (query.bucket === 'day' ? 30 * DAY : DAY);
    const points = await ctx.store.usage.timeseries(budgetId, bucketMs, from, to, query.offset_minutes * 60_000);
    res.json({ bucket: query.bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points: points.map(bucketView) });
  };
  router.get('/budgets/:id/timeseries', timeseries(async (id) => (await findBudget(ctx, id!)).id));
  router.get('/timeseries', timeseries(async () => null));

  router.get('/usage/recent-blocked', async (req, res) => {
    const limit = Math.min(100, Math.max(1, Number(req.query.limit) || 20));
    const rows = await ctx.store.usage.recentBlocked(limit);
    res.json({ items: rows.map((row) => ({ ...usageView(row), budget_name: row.budget_name })) });
  });

  router.get('/stats', async (_req, res) => {
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
    res.json({
      today_dollars: microsToDollars(todayTotals.cost_micros),
      month_dollars: microsToDollars(monthTotals.cost_micros),
      total_dollars: cost_dollars,
      last_hour_dollars: microsToDollars(lastHour.cost_micros),
      ...allTotals,
      top_budgets: topBudgets.map((t) => ({ name: t.name, cost_dollars: microsToDollars(t.cost_micros) })),
      top_models: topModels.map((t) => ({ model: t.name, cost_dollars: microsToDollars(t.cost_micros) })),
      by_provider: providers.map((t) => ({ provider: t.name, cost_dollars: microsToDollars(t.cost_micros) })),
    });
  });

  return router;
}
