/** /api/budgets: list, create, detail, change, delete, badge, test webhook. */
import { AppError } from '../errors.js';
import { dollarsToMicros } from '../money.js';
import { machineTimeZone } from '../period.js';
import { DEFAULT_BUDGET_NAME } from '../store/settings-defaults.js';
import type { BudgetPatch as Patch, BudgetRow, Period } from '../store/types.js';
import { percentUsed } from '../alerts/thresholds.js';
import { webhookPayload } from '../alerts/webhook-payload.js';
import { deliverWebhook, delivered } from '../alerts/webhook.js';
import { renderBadge } from './badge.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';
import { BudgetCreate, BudgetPatch } from './schemas.js';
import { budgetView, modelBreakdownView } from './views.js';

export async function findBudget(ctx: ApiContext, ref: string): Promise<BudgetRow> {
  const budget = await ctx.store.budgets.get(ref, ctx.now());
  if (!budget) throw new AppError('not_found_error', /^\d+$/.test(ref) ? `No budget with id ${ref}.` : `No budget named '${ref}'.`);
  return budget;
}

const optionalMicros = (dollars: number | null) => (dollars === null ? null : dollarsToMicros(dollars));

function toPatch(input: Partial<ReturnType<typeof BudgetCreate.parse>>): Patch {
  const patch: Patch = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.max_dollars !== undefined) patch.max_micros = input.max_dollars === null ? null : dollarsToMicros(input.max_dollars);
  if (input.period !== undefined) patch.period = input.period as Period;
  if (input.timezone !== undefined) patch.timezone = input.timezone;
  if (input.webhook_url !== undefined) patch.webhook_url = input.webhook_url;
  if (input.clamp_max_tokens !== undefined) patch.clamp_max_tokens = input.clamp_max_tokens;
  if (input.max_dollars_per_session !== undefined) patch.max_session_micros = optionalMicros(input.max_dollars_per_session);
  if (input.watch_project !== undefined) patch.watch_project = input.watch_project;
  return patch;
}

export function budgetRoutes(ctx: ApiContext) {
  const api = contractRouter();
  const changed = (action: 'created' | 'updated' | 'deleted', id: number) => ctx.bus.emit({ type: 'budgets', action, id });

  api.get('/budgets', async () => {
    const now = ctx.now();
    return { budgets: (await ctx.store.budgets.list(now)).map((row) => budgetView(row, now)) };
  });

  api.post('/budgets', async (req, res) => {
    const input = validate(BudgetCreate, req.body);
    const row = await ctx.store.budgets.create(
      {
        name: input.name,
        max_micros: input.max_dollars === null ? null : dollarsToMicros(input.max_dollars),
        period: (input.period ?? 'total') as Period,
        timezone: input.timezone ?? machineTimeZone(),
        webhook_url: input.webhook_url ?? null,
        clamp_max_tokens: input.clamp_max_tokens ?? false,
        max_session_micros: optionalMicros(input.max_dollars_per_session ?? null),
        watch_project: input.watch_project ?? null,
      },
      ctx.now(),
    );
    changed('created', row.id);
    res.status(201);
    return budgetView(row, ctx.now());
  });

  api.get('/budgets/:id', async (req) => {
    const row = await findBudget(ctx, req.params.id);
    const view = budgetView(row, ctx.now());
    const byModel = await ctx.store.usage.byModel(row.id, Date.parse(view.period_start));
    return { ...view, by_model: byModel.map(modelBreakdownView) };
  });

  api.patch('/budgets/:id', async (req) => {
    const current = await findBudget(ctx, req.params.id);
    const input = validate(BudgetPatch, req.body);
    if (input.name !== undefined && current.name === DEFAULT_BUDGET_NAME) {
      throw new AppError('invalid_request_error', "The built-in 'default' budget cannot be renamed.", { fields: [{ field: 'name', message: 'cannot be renamed' }] });
    }
    const row = await ctx.store.budgets.update(current.id, toPatch(input), ctx.now());
    // A higher cap re-arms the thresholds above the spend as it now stands.
    await ctx.store.alerts.rearm(row.id, row.period_start, percentUsed(row));
    ctx.spend.forget(row.id);
    changed('updated', row.id);
    return budgetView(row, ctx.now());
  });

  api.delete('/budgets/:id', async (req) => {
    const row = await findBudget(ctx, req.params.id);
    await ctx.store.budgets.remove(row.id);
    ctx.spend.forget(row.id);
    changed('deleted', row.id);
  });

  api.router.get('/budgets/:id/badge', async (req, res) => {
    const row = await findBudget(ctx, req.params.id);
    res.type('image/svg+xml').set('cache-control', 'no-cache').send(renderBadge(budgetView(row, ctx.now())));
  });

  api.post('/budgets/:id/test-webhook', async (req) => {
    const row = await findBudget(ctx, req.params.id);
    if (!row.webhook_url) throw new AppError('invalid_request_error', `Budget '${row.name}' has no webhook_url to test.`);
    const results = await deliverWebhook(row.webhook_url, 'test', await webhookPayload(ctx.store, row, 'test', null, ctx.now()), ctx.webhookOptions);
    for (const result of results) await ctx.store.alerts.addDelivery(null, row.id, result);
    const last = results.at(-1)!;
    return { delivered: delivered(results), status_code: last.status_code, error: last.error, attempts: results.length };
  });

  return api.router;
}
