/** /api/settings, /api/pause, /api/info, /api/alerts, /health. */
import type * as Api from '../../../src-shared/api.js';
import { dollarsToMicros, microsToDollars } from '../money.js';
import type { CoreSettings, Period } from '../store/types.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';
import { SettingsPut } from './schemas.js';
import { alertView } from './views.js';
import { z } from 'zod';

function settingsView(settings: CoreSettings): Api.CoreSettings {
  const { default_max_micros, global_max_micros, ...rest } = settings;
  const dollars = (micros: number | null) => (micros === null ? null : microsToDollars(micros));
  return { ...rest, default_max_dollars: dollars(default_max_micros), global_max_dollars: dollars(global_max_micros) };
}

function toSettings(input: ReturnType<typeof SettingsPut.parse>): Partial<CoreSettings> {
  const { default_max_dollars, global_max_dollars, default_period, global_period, ...rest } = input;
  const micros = (dollars: number | null | undefined) => (dollars === undefined ? undefined : dollars === null ? null : dollarsToMicros(dollars));
  return {
    ...rest,
    default_max_micros: micros(default_max_dollars),
    global_max_micros: micros(global_max_dollars),
    default_period: default_period as Period | undefined,
    global_period: global_period as Period | undefined,
  };
}

const PauseBody = z.strictObject({ paused: z.boolean({ error: 'must be true or false' }) });

export function settingsRoutes(ctx: ApiContext) {
  const api = contractRouter();

  api.get('/settings', async () => settingsView(await ctx.store.settings.get()));

  api.put('/settings', async (req) => settingsView(await ctx.store.settings.update(toSettings(validate(SettingsPut, req.body)))));

  api.post('/pause', async (req) => {
    await ctx.setPaused(validate(PauseBody, req.body).paused);
    return { paused: ctx.isPaused() };
  });

  api.get('/info', () => {
    const origin = `http://127.0.0.1:${ctx.port()}`;
    return {
      version: ctx.version,
      origin,
      port: ctx.port(),
      proxy_url: `${origin}/agent-budget`,
      openai_url: `${origin}/agent-budget/openai/v1`,
      store: ctx.store.kind,
      paused: ctx.isPaused(),
      requires_token: true,
    };
  });

  api.get('/alerts', async (req) => {
    const limit = Math.min(500, Math.max(1, Number(req.query.limit) || 100));
    const budgetId = req.query.budget_id === undefined ? undefined : Number(req.query.budget_id);
    return { alerts: (await ctx.store.alerts.list(limit, Number.isInteger(budgetId) ? budgetId : undefined)).map(alertView) };
  });

  return api.router;
}
