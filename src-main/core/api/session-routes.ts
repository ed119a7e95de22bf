/** /api/sessions/:id and /api/budgets/:id/sessions: spend per Claude Code session (`x-claude-code-session-id`). */
import { AppError } from '../errors.js';
import { findBudget } from './budget-routes.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { budgetView, sessionView } from './views.js';

const TOP_SESSIONS = 50;
const RECENT_MS = 30 * 86_400_000;

export function sessionRoutes(ctx: ApiContext) {
  const api = contractRouter();

  api.get('/sessions/:id', async (req) => {
    const session = await ctx.store.usage.session(req.params.id);
    if (!session) throw new AppError('not_found_error', `No requests seen for session '${req.params.id}'.`);
    return sessionView(session);
  });

  api.get('/budgets/:id/sessions', async (req) => {
    const budget = await findBudget(ctx, req.params.id);
    const now = ctx.now();
    // This period's sessions, at most the last 30 days' (a 'total' budget's period is all of history).
    const from = Math.max(Date.parse(budgetView(budget, now).period_start), now - RECENT_MS);
    const sessions = await ctx.store.usage.sessions(budget.id, from, TOP_SESSIONS);
    return { sessions: sessions.map(sessionView) };
  });

  return api.router;
}
