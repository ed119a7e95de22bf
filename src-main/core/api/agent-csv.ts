/**
 * The agents view's answers as CSV: one header line, then the rows the view shows, in its order.
 * Times are ISO 8601 (UTC), amounts dollars with every micro-dollar kept, as in the JSON.
 */
import type { AgentDaily, AgentModel, AgentProject, AgentSession, AgentSummary, AgentWindows, Paged, Spend } from '../../../src-shared/agent-views.js';

type Cell = string | number | boolean | null;
type Column<T> = [header: string, value: (row: T) => Cell];

const NEEDS_QUOTES = /[",\r\n]/;
/** What a spreadsheet would run as a formula when a text cell starts with it: = + - @. */
const FORMULA_START = new Set(['=', '+', '-', '@']);

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Built as one string, cell by cell: an export of thousands of rows makes no array per row. */
export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  let csv = `${columns.map(([header]) => cell(header)).join(',')}\r\n`;
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) csv += i === 0 ? cell(columns[i][1](row)) : `,${cell(columns[i][1](row))}`;
    csv += '\r\n';
  }
  return csv;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const SPEND_KEYS = ['requests', 'cost_dollars', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;

function spendColumns<T>(of: (row: T) => Spend): Column<T>[] {
  return SPEND_KEYS.map((key): Column<T> => [key, (row) => of(row)[key]]);
}

const own = <T extends Spend>(row: T): Spend => row;

export const csvOf = {
  summary: (s: AgentSummary) =>
    toCsv<AgentSummary>(
      [
        ['agent', (r) => r.agent], ['from', (r) => iso(r.from)], ['to', (r) => iso(r.to)],
        ...spendColumns<AgentSummary>((r) => r.totals),
        ['sessions', (r) => r.totals.sessions], ['projects', (r) => r.totals.projects],
        ['previous_cost_dollars', (r) => r.previous?.cost_dollars ?? null], ['previous_requests', (r) => r.previous?.requests ?? null],
        ['cost_change', (r) => r.change?.cost_ratio ?? null], ['requests_change', (r) => r.change?.requests_ratio ?? null],
      ],
      [s],
    ),
  daily: (d: AgentDaily) => {
    const labels = new Map(d.keys.map((k) => [k.key, k.label]));
    return toCsv<AgentDaily['points'][number]>(
      [['date', (p) => p.date], [d.group, (p) => labels.get(p.key) ?? p.key], ['requests', (p) => p.requests], ['cost_dollars', (p) => p.cost_dollars]],
      d.points,
    );
  },
  projects: (page: Paged<AgentProject>) =>
    toCsv<AgentProject>(
      [['project', (r) => r.label], ['budget', (r) => r.budget], ['sessions', (r) => r.sessions], ...spendColumns<AgentProject>(own),
        ['first_at', (r) => iso(r.first_at)], ['last_at', (r) => iso(r.last_at)]],
      page.items,
    ),
  sessions: (page: Paged<AgentSession>) =>
    toCsv<AgentSession>(
      [['session_id', (r) => r.session_id], ['title', (r) => r.title], ['project', (r) => r.project_key], ...spendColumns<AgentSession>(own),
        ['first_at', (r) => iso(r.first_at)], ['last_at', (r) => iso(r.last_at)],
        ['models', (r) => r.models.map((m) => `${m.model} ${m.cost_dollars}`).join('; ')]],
      page.items,
    ),
  models: (page: Paged<AgentModel>) =>
    toCsv<AgentModel>([['model', (r) => r.model], ['sessions', (r) => r.sessions], ...spendColumns<AgentModel>(own), ['share', (r) => r.share],
      ['first_at', (r) => iso(r.first_at)], ['last_at', (r) => iso(r.last_at)]], page.items),
  windows: (w: AgentWindows) =>
    toCsv<AgentWindows['windows'][number]>(
      [['start', (r) => iso(r.start)], ['end', (r) => iso(r.end)], ['last_at', (r) => iso(r.last_at)], ['requests', (r) => r.requests],
        ['input_tokens', (r) => r.input_tokens], ['output_tokens', (r) => r.output_tokens], ['cost_dollars', (r) => r.cost_dollars], ['active', (r) => r.active]],
      w.windows,
    ),
};
