/**
 * GET /api/agents/:agent/{summary,daily,projects,sessions,models,windows}: what each coding agent
 * (from its own logs) and the proxy's own traffic cost over a range, by day, project, session and
 * model. Each answers JSON, or with `?format=csv` the same rows as a CSV download; `?format=json`
 * downloads the JSON. The status of an agent's log import (…/status) is served with the import.
 */
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AgentViewId, ViewRange } from '../../../src-shared/agent-views.js';
import { AgentParams, DailyQuery, PageQuery, ProjectFilter, RangeQuery, resolveRange } from './agent-query.js';
import { csvOf } from './agent-csv.js';
import { daily, models, projects, sessions, summary, windows } from './agent-view-figures.js';
import type { ApiContext } from './context.js';
import { validate } from './errors.js';

type Views = ApiContext['store']['agentViews'];

interface Asked<Q> {
  agent: AgentViewId;
  range: ViewRange;
  query: Q;
}

function route<S extends z.ZodType, T>(ctx: ApiContext, name: string, schema: S, answer: (views: Views, asked: Asked<z.infer<S>>) => Promise<T>, csv: (body: T) => string) {
  return async (req: Request, res: Response) => {
    const { agent } = validate(AgentParams, req.params);
    const rangeInput = validate(RangeQuery, req.query);
    const asked = { agent, range: resolveRange(rangeInput, ctx.now()), query: validate(schema, req.query) };
    const body = await answer(ctx.store.agentViews, asked);
    if (rangeInput.format === undefined) {
      res.json(body);
      return;
    }
    const file = `agent-budget-${agent}-${name}-${asked.range.range ?? 'custom'}.${rangeInput.format}`;
    res.setHeader('content-disposition', `attachment; filename="${file}"`);
    if (rangeInput.format === 'json') res.json(body);
    else res.type('text/csv; charset=utf-8').send(csv(body));
  };
}

const NoQuery = z.object({});
const SessionsQuery = PageQuery.extend(ProjectFilter.shape);
const DailyOfProject = DailyQuery.extend(ProjectFilter.shape);

export function agentViewRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/agents/:agent/summary', route(ctx, 'summary', ProjectFilter, (views, a) => summary(views, a.agent, a.range, a.query.project), csvOf.summary));
  router.get('/agents/:agent/daily', route(ctx, 'daily', DailyOfProject, (views, a) => daily(views, a.agent, a.range, a.query.group, a.query.project), csvOf.daily));
  router.get('/agents/:agent/projects', route(ctx, 'projects', PageQuery, (views, a) => projects(views, a.agent, a.range, a.query), csvOf.projects));
  router.get('/agents/:agent/sessions', route(ctx, 'sessions', SessionsQuery, (views, a) => sessions(views, a.agent, a.range, a.query, a.query.project), csvOf.sessions));
  router.get('/agents/:agent/models', route(ctx, 'models', PageQuery, (views, a) => models(views, a.agent, a.range, a.query), csvOf.models));
  router.get('/agents/:agent/windows', route(ctx, 'windows', NoQuery, (views, a) => windows(views, a.agent, a.range, ctx.now()), csvOf.windows));
  return router;
}
