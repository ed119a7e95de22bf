/**
 * What Claude Code cost, from its own logs and the proxy's records: per project (its folder), per
 * session and day, and per 5-hour subscription window. Amounts are at API rates ("API-equivalent"
 * where a subscription paid). POST /claude-code/import reads new log lines now.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { fiveHourWindows, WINDOW_MS } from '../claude-code/five-hour-windows.js';
import { AppError } from '../errors.js';
import { microsToDollars } from '../money.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';
import { sessionView } from './views.js';

const DAY_MS = 86_400_000;
const ProjectsQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) });
const ProjectQuery = ProjectsQuery.extend({
  project: z.string().refine(isAbsolute, 'must be an absolute folder path'),
  offset_minutes: z.coerce.number().int().min(-840).max(840).default(0),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function claudeCodeUsageRoutes(ctx: ApiContext) {
  const api = contractRouter();

  api.get('/claude-code/status', () => {
    const status = ctx.claudeLogs?.status();
    return status ? { enabled: true, ...status, last_import_at: status.last_import_at === null ? null : iso(status.last_import_at) } : { enabled: false };
  });

  api.post('/claude-code/import', async () => {
    if (!ctx.claudeLogs) throw new AppError('invalid_request_error', 'The Claude Code log import is off (AGENT_BUDGET_CLAUDE_LOGS=0).');
    return { imported: await ctx.claudeLogs.scan() };
  });

  api.get('/claude-code/projects', async (req) => {
    const { days } = validate(ProjectsQuery, req.query);
    const projects = await ctx.store.usage.projects(ctx.now() - days * DAY_MS, 200);
    return {
      days,
      projects: projects.map(({ cost_micros, first_at, last_at, ...rest }) => ({ ...rest, cost_dollars: microsToDollars(cost_micros), first_at: iso(first_at), last_at: iso(last_at) })),
    };
  });

  api.get('/claude-code/project', async (req) => {
    const query = validate(ProjectQuery, req.query);
    const from = ctx.now() - query.days * DAY_MS;
    const [sessions, days] = await Promise.all([
      ctx.store.usage.projectSessions(query.project, from, 100),
      ctx.store.usage.projectDays(query.project, from, query.offset_minutes * 60_000),
    ]);
    return {
      project: query.project,
      sessions: sessions.map(sessionView),
      days: days.map((d) => ({ start: iso(d.start), requests: d.requests, cost_dollars: microsToDollars(d.cost_micros) })),
    };
  });

  api.get('/claude-code/windows', async () => {
    const now = ctx.now();
    const windows = fiveHourWindows(await ctx.store.usage.subscriptionActivity(now - 7 * DAY_MS - WINDOW_MS), now);
    return {
      windows: windows.reverse().map(({ cost_micros, start, end, last_at, ...rest }) => ({ ...rest, start: iso(start), end: iso(end), last_at: iso(last_at), cost_dollars: microsToDollars(cost_micros) })),
    };
  });

  return api.router;
}
