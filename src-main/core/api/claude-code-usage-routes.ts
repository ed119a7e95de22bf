/**
 * The Claude Code routes the dashboard used before the agents view (/api/agents/claude-code/*),
 * kept for scripts that call them: each answers from the agents view's queries, in its old shape.
 * POST /claude-code/import reads new log lines now.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { AgentSession, ViewRange } from '../../../src-shared/agent-views.js';
import { AppError } from '../errors.js';
import { DAY_MS } from './agent-query.js';
import { daily, projects, sessions, windows } from './agent-view-figures.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';

const ProjectsQuery = z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) });
const ProjectQuery = ProjectsQuery.extend({
  project: z.string().refine(isAbsolute, 'must be an absolute folder path'),
  offset_minutes: z.coerce.number().int().min(-840).max(840).default(0),
});
const AGENT = 'claude-code';
const WINDOW_DAYS = 7;

const iso = (ms: number) => new Date(ms).toISOString();
const lastDays = (now: number, days: number, offsetMinutes = 0): ViewRange => ({ range: null, from: now - days * DAY_MS, to: now, offset_minutes: offsetMinutes });

function oldSession(s: AgentSession) {
  return { session_id: s.session_id, requests: s.requests, blocked_requests: 0, input_tokens: s.input_tokens, output_tokens: s.output_tokens, cost_dollars: s.cost_dollars, first_at: iso(s.first_at), last_at: iso(s.last_at), budgets: [] };
}

export function claudeCodeUsageRoutes(ctx: ApiContext) {
  const api = contractRouter();
  const views = ctx.store.agentViews;

  api.get('/claude-code/status', () => {
    const status = ctx.agentLogs.get('claude-code')?.status();
    if (!status) return { enabled: false };
    const { roots, files, requests, corrected, duplicates, malformed_lines, unpriced_models, last_import_at } = status;
    return { enabled: true, roots, files, requests, corrected, duplicates, malformed_lines, unpriced_models, last_import_at: last_import_at === null ? null : iso(last_import_at) };
  });

  api.post('/claude-code/import', async () => {
    const logs = ctx.agentLogs.get('claude-code');
    if (!logs) throw new AppError('invalid_request_error', 'The Claude Code log import is off (AGENT_BUDGET_CLAUDE_LOGS=0).');
    return { imported: await logs.scan() };
  });

  api.get('/claude-code/projects', async (req) => {
    const { days } = validate(ProjectsQuery, req.query);
    const page = await projects(views, AGENT, lastDays(ctx.now(), days), { sort: 'cost', order: 'desc', limit: 200, offset: 0 });
    return {
      days,
      projects: page.items.map((p) => ({
        project: p.key, requests: p.requests, sessions: p.sessions, cost_dollars: p.cost_dollars, input_tokens: p.input_tokens,
        output_tokens: p.output_tokens, cache_read_input_tokens: p.cache_read_input_tokens, first_at: iso(p.first_at), last_at: iso(p.last_at),
      })),
    };
  });

  api.get('/claude-code/project', async (req) => {
    const query = validate(ProjectQuery, req.query);
    const range = lastDays(ctx.now(), query.days, query.offset_minutes);
    const [page, days] = await Promise.all([
      sessions(views, AGENT, range, { sort: 'last_at', order: 'desc', limit: 100, offset: 0 }, query.project),
      daily(views, AGENT, range, 'project', query.project),
    ]);
    return {
      project: query.project,
      sessions: page.items.map(oldSession),
      days: days.points.map((d) => ({ start: iso(d.start), requests: d.requests, cost_dollars: d.cost_dollars })),
    };
  });

  api.get('/claude-code/windows', async () => {
    const now = ctx.now();
    const answer = await windows(views, AGENT, lastDays(now, WINDOW_DAYS), now);
    return { windows: answer.windows.map((w) => ({ ...w, start: iso(w.start), end: iso(w.end), last_at: iso(w.last_at) })) };
  });

  return api.router;
}
