/**
 * What Claude Code cost, from its own logs and the proxy's records: per project (its folder), per
 * session and day, and per 5-hour subscription window. Amounts are at API rates ("API-equivalent"
 * where a subscription paid). POST /claude-code/import reads new log lines now.
 */
import { isAbsolute } from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { fiveHourWindows, WINDOW_MS } from '../claude-code/five-hour-windows.js';
import { AppError } from '../errors.js';
import { microsToDollars } from '../money.js';
import type { ApiContext } from './context.js';
import { validate } from './errors.js';
import { sessionView } from './views.js';

const DAY_MS = 86_400_000;
const ProjectsQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) });
const ProjectQuery = ProjectsQuery.extend({
  project: z.string().refine(isAbsolute, 'must be an absolute folder path'),
  offset_minutes: z.coerce.number().int().min(-840).max(840).default(0),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function claudeCodeUsageRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/claude-code/status', (_req, res) => {
    const status = ctx.agentLogs.get('claude-code')?.status();
    if (!status) {
      res.json({ enabled: false });
      return;
    }
    const { roots, files, requests, corrected, duplicates, malformed_lines, unpriced_models, last_import_at } = status;
    res.json({ enabled: true, roots, files, requests, corrected, duplicates, malformed_lines, unpriced_models, last_import_at: last_import_at === null ? null : iso(last_import_at) });
  });

  router.post('/claude-code/import', async (_req, res) => {
    const logs = ctx.agentLogs.get('claude-code');
    if (!logs) throw new AppError('invalid_request_error', 'The Claude Code log import is off (AGENT_BUDGET_CLAUDE_LOGS=0).');
    res.json({ imported: await logs.scan() });
  });

  router.get('/claude-code/projects', async (req, res) => {
    const { days } = validate(ProjectsQuery, req.query);
    const projects = await ctx.store.usage.projects(ctx.now() - days * DAY_MS, 200);
    res.json({
      days,
      projects: projects.map(({ cost_micros, first_at, last_at, ...rest }) => ({ ...rest, cost_dollars: microsToDollars(cost_micros), first_at: iso(first_at), last_at: iso(last_at) })),
    });
  });

  router.get('/claude-code/project', async (req, res) => {
    const query = validate(ProjectQuery, req.query);
    const from = ctx.now() - query.days * DAY_MS;
    const [sessions, days] = await Promise.all([
      ctx.store.usage.projectSessions(query.project, from, 100),
      ctx.store.usage.projectDays(query.project, from, query.offset_minutes * 60_000),
    ]);
    res.json({
      project: query.project,
      sessions: sessions.map(sessionView),
      days: days.map((d) => ({ start: iso(d.start), requests: d.requests, cost_dollars: microsToDollars(d.cost_micros) })),
    });
  });

  router.get('/claude-code/windows', async (_req, res) => {
    const now = ctx.now();
    const windows = fiveHourWindows(await ctx.store.usage.subscriptionActivity(now - 7 * DAY_MS - WINDOW_MS), now);
    res.json({
      windows: windows.reverse().map(({ cost_micros, start, end, last_at, ...rest }) => ({ ...rest, start: iso(start), end: iso(end), last_at: iso(last_at), cost_dollars: microsToDollars(cost_micros) })),
    });
  });

  return router;
}
