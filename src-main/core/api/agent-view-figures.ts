/**
 * The agents view's answers, built from the store's rollup queries: what the routes send as JSON
 * (and CSV), and what the older /api/claude-code/* routes reshape.
 */
import type {
  AgentDaily, AgentModel, AgentProject, AgentSession, AgentSummary, AgentViewId, AgentWindows, DailyGroup, ModelShare, Paged, Spend, ViewRange,
} from '../../../src-shared/agent-views.js';
import { fiveHourWindows, WINDOW_MS } from '../claude-code/five-hour-windows.js';
import { microsToDollars } from '../money.js';
import type { AgentViews as Views, PageRequest, SpendSums } from '../store/agent-views.js';
import { DAY_MS, previousRange, scopeOf } from './agent-query.js';

/** Series a daily chart stacks before the rest become "Other" (one colour each). */
const DAILY_SERIES = 6;
export const OTHER = 'Other';
const SHORT_ID = 8;

export function spend(row: SpendSums): Spend {
  return {
    requests: row.requests,
    cost_dollars: microsToDollars(row.cost_micros),
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    cache_creation_input_tokens: row.cache_creation_input_tokens,
    cache_read_input_tokens: row.cache_read_input_tokens,
  };
}

/** What a project key is called on screen: its folder, its budget, or that it had neither. */
export function projectLabel(key: string): string {
  if (key.startsWith('budget:')) return `budget ${key.slice('budget:'.length)}`;
  return key === '' ? '(no folder)' : key;
}

const ratio = (now: number, before: number) => (before === 0 ? null : (now - before) / before);

export async function summary(views: Views, agent: AgentViewId, range: ViewRange, project?: string): Promise<AgentSummary> {
  const before = previousRange(range);
  const [totals, previous] = await Promise.all([views.totals(scopeOf(agent, range, { project })), before ? views.totals(scopeOf(agent, before, { project })) : null]);
  return {
    agent,
    ...range,
    totals: { ...spend(totals), sessions: totals.sessions, projects: totals.projects, first_at: totals.first_at, last_at: totals.last_at },
    previous: previous && before ? { ...before, ...spend(previous) } : null,
    change: previous ? { cost_ratio: ratio(totals.cost_micros, previous.cost_micros), requests_ratio: ratio(totals.requests, previous.requests) } : null,
  };
}

const isoDate = (start: number, offsetMs: number) => new Date(start + offsetMs).toISOString().slice(0, 10);

export async function daily(views: Views, agent: AgentViewId, range: ViewRange, group: DailyGroup, project?: string): Promise<AgentDaily> {
  const offsetMs = range.offset_minutes * 60_000;
  const rows = await views.daily(scopeOf(agent, range, { project }), group, offsetMs);
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + row.cost_micros);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = new Set(ranked.slice(0, DAILY_SERIES).map(([key]) => key));
  const merged = new Map<string, { day: number; key: string; requests: number; cost_micros: number }>();
  for (const row of rows) {
    const key = shown.has(row.key) ? row.key : OTHER;
    const id = `${row.day}\u0000${key}`;
    const point = merged.get(id) ?? { day: row.day, key, requests: 0, cost_micros: 0 };
    point.requests += row.requests;
    point.cost_micros += row.cost_micros;
    merged.set(id, point);
  }
  const keys = ranked.filter(([key]) => shown.has(key)).map(([key, micros]) => ({ key, label: group === 'project' ? projectLabel(key) : key, cost_dollars: microsToDollars(micros) }));
  const rest = ranked.filter(([key]) => !shown.has(key)).reduce((sum, [, micros]) => sum + micros, 0);
  if (rest > 0) keys.push({ key: OTHER, label: OTHER, cost_dollars: microsToDollars(rest) });
  const points = [...merged.values()].map((p) => {
    const start = p.day * DAY_MS - offsetMs;
    return { start, date: isoDate(start, offsetMs), key: p.key, requests: p.requests, cost_dollars: microsToDollars(p.cost_micros) };
  });
  return { agent, ...range, group, keys, points };
}

const paging = (page: PageRequest) => ({ limit: page.limit, offset: page.offset, sort: page.sort, order: page.order });

export async function projects(views: Views, agent: AgentViewId, range: ViewRange, page: PageRequest): Promise<Paged<AgentProject>> {
  const { items, total } = await views.projects(scopeOf(agent, range), page);
  return {
    agent, ...range, ...paging(page), total,
    items: items.map((row) => ({
      key: row.key,
      label: projectLabel(row.key),
      project: row.key.startsWith('budget:') || row.key === '' ? null : row.key,
      budget: row.budget,
      ...spend(row),
      sessions: row.sessions,
      first_at: row.first_at,
      last_at: row.last_at,
    })),
  };
}

export async function sessions(views: Views, agent: AgentViewId, range: ViewRange, page: PageRequest, project?: string): Promise<Paged<AgentSession>> {
  const scope = scopeOf(agent, range, { project });
  const { items, total } = await views.sessions(scope, page);
  const ids = items.map((row) => row.session_id);
  const [mix, titles] = await Promise.all([views.sessionModels(scope, ids), views.sessionTitles(agent, ids)]);
  const modelsOf = new Map<string, ModelShare[]>();
  for (const m of mix) {
    const list = modelsOf.get(m.session_id) ?? [];
    list.push({ model: m.model, requests: m.requests, cost_dollars: microsToDollars(m.cost_micros) });
    modelsOf.set(m.session_id, list);
  }
  return {
    agent, ...range, ...paging(page), total,
    items: items.map((row) => {
      const title = titles.get(row.session_id) ?? null;
      return {
        session_id: row.session_id,
        title,
        label: title ?? row.session_id.slice(0, SHORT_ID),
        project_key: row.project_key,
        ...spend(row),
        first_at: row.first_at,
        last_at: row.last_at,
        models: modelsOf.get(row.session_id) ?? [],
      };
    }),
  };
}

export async function models(views: Views, agent: AgentViewId, range: ViewRange, page: PageRequest): Promise<Paged<AgentModel>> {
  const { items, total, total_cost_micros: all } = await views.models(scopeOf(agent, range), page);
  return {
    agent, ...range, ...paging(page), total,
    items: items.map((row) => ({ model: row.model, ...spend(row), sessions: row.sessions, first_at: row.first_at, last_at: row.last_at, share: all === 0 ? 0 : row.cost_micros / all })),
  };
}

/**
 * The 5-hour windows that overlap the range, latest first. A window can open up to five hours
 * before the range starts, so the hours before it are read too. The proxy's own traffic counts
 * only where a subscription paid (OAuth tokens); an agent's logs are its subscription use.
 */
export async function windows(views: Views, agent: AgentViewId, range: ViewRange, now: number): Promise<AgentWindows> {
  const hours = await views.hours(scopeOf(agent, { from: Math.max(0, range.from - WINDOW_MS), to: range.to }, { subscriptionOnly: agent === 'proxy' }));
  const list = fiveHourWindows(hours, now).filter((w) => w.end > range.from);
  return {
    agent, ...range,
    windows: list.reverse().map(({ cost_micros, ...rest }) => ({ ...rest, cost_dollars: microsToDollars(cost_micros) })),
  };
}
