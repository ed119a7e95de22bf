/**
 * The agents view's API on a real core (SQLite) holding a generated history: every figure is checked
 * against sums computed here from the rows written, across ranges, time zones, paging, sorting and CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDaily, AgentModel, AgentProject, AgentSession, AgentSummary, AgentWindows, Paged } from '../../src-shared/agent-views.js';
import type { UsageInsert } from '../../src-main/core/store/usage-insert.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { historyRows, PROJECTS } from '../helpers/agent-history.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 15:30 UTC: "today" in UTC started 15.5 hours ago, in Los Angeles (UTC-8 in November) 7.5 hours ago.
const NOW = Date.UTC(2026, 10, 20, 15, 30);
const micros = (dollars: number) => Math.round(dollars * 1_000_000);

describe('GET /api/agents/:agent/*', () => {
  let env: TestCore;
  let rows: UsageInsert[];
  const get = async <T>(path: string) => {
    const { status, body } = await env.api<T>('GET', `/agents/${path}`);
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  };
  /** What the rows say for [from, to) in whole hours, the way the API counts a range. */
  const within = (from: number, to: number, project?: string) =>
    rows.filter((r) => r.created_at >= Math.floor(from / HOUR) * HOUR && r.created_at < Math.ceil(to / HOUR) * HOUR && (!project || r.project === project));
  const cost = (list: UsageInsert[]) => list.reduce((sum, r) => sum + r.cost_micros, 0);

  beforeAll(async () => {
    env = await startTestCore({}, { now: () => NOW });
    const claude = historyRows({ sessions: 160, requestsPerSession: 30, days: 60, now: NOW, seed: 3 });
    const codex = historyRows({ source: 'codex-logs', sessions: 20, requestsPerSession: 20, days: 10, now: NOW, seed: 5 });
    rows = claude.rows;
    await env.core.store.usage.importSettled([...claude.rows, ...codex.rows]);
  });

  afterAll(() => env?.close());

  it('sums a range the same way in the summary, by project, by model and by day, each range its own figures', async () => {
    const seen = new Set<number>();
    for (const range of ['today', '7d', '30d', '90d', 'month', 'all']) {
      const summary = await get<AgentSummary>(`claude-code/summary?range=${range}`);
      const expected = within(summary.from, summary.to);
      expect(micros(summary.totals.cost_dollars)).toBe(cost(expected));
      expect(summary.totals.requests).toBe(expected.length);
      expect(summary.totals.sessions).toBe(new Set(expected.map((r) => r.session_id)).size);
      const projects = await get<Paged<AgentProject>>(`claude-code/projects?range=${range}&limit=100`);
      expect(projects.items.reduce((sum, p) => sum + micros(p.cost_dollars), 0)).toBe(cost(expected));
      const models = await get<Paged<AgentModel>>(`claude-code/models?range=${range}`);
      expect(models.items.reduce((sum, m) => sum + m.requests, 0)).toBe(expected.length);
      const daily = await get<AgentDaily>(`claude-code/daily?range=${range}&group=model`);
      expect(daily.points.reduce((sum, p) => sum + micros(p.cost_dollars), 0)).toBe(cost(expected));
      seen.add(summary.totals.requests);
    }
    // today < 7 days < 30 days < 90 days = all (the history is 60 days long); "this month" is 20 days.
    expect(seen.size).toBe(5);
  });

  it('starts "today" and the days at the viewer\'s midnight', async () => {
    const utc = await get<AgentSummary>('claude-code/summary?range=today');
    expect(utc.from).toBe(Date.UTC(2026, 10, 20));
    const la = await get<AgentSummary>('claude-code/summary?range=today&tz=America/Los_Angeles');
    expect([la.from, la.offset_minutes]).toEqual([Date.UTC(2026, 10, 20, 8), -480]);
    expect(la.totals.requests).toBe(within(la.from, NOW).length);
    const daily = await get<AgentDaily>('claude-code/daily?range=7d&offset_minutes=-480');
    expect(new Set(daily.points.map((p) => (p.start - Date.UTC(2026, 10, 20, 8)) % DAY))).toEqual(new Set([0]));
    for (const p of daily.points) expect(p.date).toBe(new Date(p.start - 8 * HOUR).toISOString().slice(0, 10));
    expect(daily.points[0].start).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 14, 8));
  });

  it('compares a range with the one of equal length before it', async () => {
    const summary = await get<AgentSummary>('claude-code/summary?range=7d');
    const before = within(summary.from - (summary.to - summary.from), summary.from);
    expect(summary.previous).toMatchObject({ from: summary.from - (summary.to - summary.from), to: summary.from, requests: before.length });
    expect(micros(summary.previous!.cost_dollars)).toBe(cost(before));
    expect(summary.change!.cost_ratio).toBeCloseTo((summary.totals.cost_dollars - summary.previous!.cost_dollars) / summary.previous!.cost_dollars, 9);
    expect((await get<AgentSummary>('claude-code/summary?range=all')).previous).toBeNull();
  });

  it('pages and sorts sessions on the server, within a project, with their model mix', async () => {
    const project = PROJECTS[0];
    const expected = within(0, NOW, project);
    const bySession = new Map<string, number>();
    for (const r of expected) bySession.set(r.session_id!, (bySession.get(r.session_id!) ?? 0) + r.cost_micros);
    const dearest = [...bySession.entries()].sort((a, b) => b[1] - a[1]);

    const first = await get<Paged<AgentSession>>(`claude-code/sessions?range=all&project=${encodeURIComponent(project)}&limit=10`);
    expect(first.total).toBe(bySession.size);
    expect(first.items.map((s) => [s.session_id, micros(s.cost_dollars)])).toEqual(dearest.slice(0, 10));
    const second = await get<Paged<AgentSession>>(`claude-code/sessions?range=all&project=${encodeURIComponent(project)}&limit=10&offset=10`);
    expect(second.items.map((s) => s.session_id)).toEqual(dearest.slice(10, 20).map(([id]) => id));
    const top = first.items[0];
    expect(top.label).toBe(top.session_id.slice(0, 8));
    expect(top.models.reduce((sum, m) => sum + micros(m.cost_dollars), 0)).toBe(micros(top.cost_dollars));

    const oldest = await get<Paged<AgentSession>>('claude-code/sessions?range=all&sort=first_at&order=asc&limit=50');
    expect(oldest.items.map((s) => s.first_at)).toEqual(oldest.items.map((s) => s.first_at).sort((a, b) => a - b));
    const busiest = await get<Paged<AgentSession>>('claude-code/sessions?range=30d&sort=requests&limit=50');
    expect(busiest.items.map((s) => s.requests)).toEqual(busiest.items.map((s) => s.requests).sort((a, b) => b - a));
    const latest = await get<Paged<AgentSession>>('claude-code/sessions?range=all&sort=last_at&limit=1');
    expect(latest.items[0].last_at).toBe(Math.max(...rows.map((r) => r.created_at)));
  });

  it('keeps each agent to its own logs', async () => {
    const codex = await get<AgentSummary>('codex/summary?range=all');
    expect(codex.totals.sessions).toBe(20);
    expect((await get<Paged<AgentModel>>('codex/models?range=all')).items.map((m) => m.model).sort()).toEqual(['gpt-5-codex', 'gpt-5-mini']);
    expect((await get<AgentSummary>('gemini/summary?range=all')).totals).toMatchObject({ requests: 0, cost_dollars: 0, sessions: 0 });
    expect((await get<AgentSummary>('proxy/summary?range=all')).totals.requests).toBe(0);
  });

  it('exports the figures it shows as CSV and JSON downloads', async () => {
    const json = await get<Paged<AgentSession>>('claude-code/sessions?range=30d&limit=20');
    const response = await fetch(`${env.base}/api/agents/claude-code/sessions?range=30d&limit=20&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="agent-budget-claude-code-sessions-30d.csv"');
    const [header, ...lines] = (await response.text()).trimEnd().split('\r\n');
    expect(header.split(',').slice(0, 5)).toEqual(['session_id', 'title', 'project', 'requests', 'cost_dollars']);
    expect(lines.map((line) => line.split(',').slice(0, 5))).toEqual(json.items.map((s) => [s.session_id, '', s.project_key, String(s.requests), String(s.cost_dollars)]));

    const daily = await fetch(`${env.base}/api/agents/claude-code/daily?range=7d&format=csv`);
    const dailyLines = (await daily.text()).trimEnd().split('\r\n');
    expect(dailyLines[0]).toBe('date,project,requests,cost_dollars');
    const summary = await get<AgentSummary>('claude-code/summary?range=7d');
    expect(dailyLines.slice(1).reduce((sum, line) => sum + micros(Number(line.split(',').at(-1))), 0)).toBe(micros(summary.totals.cost_dollars));

    const download = await fetch(`${env.base}/api/agents/claude-code/windows?range=7d&format=json`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="agent-budget-claude-code-windows-7d.json"');
    const windows = (await download.json()) as AgentWindows;
    expect(windows.windows.length).toBeGreaterThan(0);
    for (const w of windows.windows) expect(w.end - w.start).toBe(5 * HOUR);
    expect(windows.windows.reduce((sum, w) => sum + w.requests, 0)).toBeGreaterThanOrEqual(within(windows.from, NOW).length);
  });

  it('refuses what it cannot answer, naming the parameter', async () => {
    const cases: [string, string][] = [
      ['cursor/summary', 'agent'],
      ['claude-code/summary?range=week', 'range'],
      ['claude-code/summary?from=10&to=5', 'to'],
      ['claude-code/sessions?limit=0', 'limit'],
      ['claude-code/sessions?sort=name', 'sort'],
      ['claude-code/daily?group=day', 'group'],
      ['claude-code/summary?tz=Mars/Olympus', 'tz'],
      ['claude-code/summary?format=xml', 'format'],
    ];
    for (const [path, field] of cases) {
      const { status, body } = await env.api('GET', `/agents/${path}`);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toContain(`${field}:`);
    }
  });

  it('keeps the older Claude Code routes answering from the same figures', async () => {
    const { body } = await env.api('GET', '/claude-code/projects?days=30');
    const projects = await get<Paged<AgentProject>>(`claude-code/projects?from=${NOW - 30 * DAY}&to=${NOW}&limit=100`);
    expect(body.projects.map((p: { project: string; cost_dollars: number }) => [p.project, p.cost_dollars])).toEqual(projects.items.map((p) => [p.key, p.cost_dollars]));
    const detail = await env.api('GET', `/claude-code/project?days=30&project=${encodeURIComponent(PROJECTS[1])}`);
    expect(detail.body.sessions.length).toBeGreaterThan(0);
    expect(detail.body.days.reduce((sum: number, d: { cost_dollars: number }) => sum + micros(d.cost_dollars), 0)).toBe(cost(within(NOW - 30 * DAY, NOW, PROJECTS[1])));
    expect((await env.api('GET', '/claude-code/windows')).status).toBe(200);
  });
});
