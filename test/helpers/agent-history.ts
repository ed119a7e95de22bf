/**
 * A realistic agent history written straight into a store, as the log import records it: a few
 * projects under one person's home folder, hundreds of sessions of Claude Code (and some Codex and
 * Gemini), each a run of requests over an hour or two on one or two models. Deterministic for a
 * given seed; exact costs are whatever the rows say, so tests compare against the API's own sums.
 */
import type { AgentLogSource } from '../../src-shared/agents.js';
import type { Store } from '../../src-main/core/store/store.js';
import type { UsageInsert } from '../../src-main/core/store/usage-insert.js';

export const PROJECTS = ['/Users/maria/code/shop-api', '/Users/maria/code/web-app', '/Users/maria/code/data-pipeline', '/Users/maria/code/infra'];
const MODELS: Record<AgentLogSource, [model: string, inPerM: number, outPerM: number][]> = {
  'claude-code-logs': [['claude-sonnet-4-5', 3, 15], ['claude-opus-4-1', 15, 75], ['claude-haiku-4-5', 1, 5]],
  'codex-logs': [['gpt-5-codex', 1.25, 10], ['gpt-5-mini', 0.25, 2]],
  'gemini-logs': [['gemini-2.5-pro', 1.25, 10], ['gemini-2.5-flash', 0.3, 2.5]],
};
const TITLES = ['Fix flaky checkout test', 'Add rate limiting to the orders API', 'Migrate CI to Node 20', 'Refactor the auth middleware', 'Speed up the nightly import',
  'Dark theme for the settings page', 'Investigate the memory leak in the worker', 'Write the Terraform for the staging bucket', 'Paginate the invoices endpoint', 'Upgrade React and fix the warnings'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface HistoryOptions {
  source?: AgentLogSource;
  sessions: number;
  /** Requests per session on average (each session gets between half and one and a half times this). */
  requestsPerSession: number;
  /** Sessions start spread over [now - days, now - 1 h]. */
  days: number;
  now: number;
  seed?: number;
  projects?: string[];
}

export interface HistorySession {
  id: string;
  title: string;
  project: string;
}

/** The rows of a history, session by session, in time order within each. */
export function historyRows(options: HistoryOptions): { rows: UsageInsert[]; sessions: HistorySession[] } {
  const source = options.source ?? 'claude-code-logs';
  const next = random(options.seed ?? 7);
  const projects = options.projects ?? PROJECTS;
  const rows: UsageInsert[] = [];
  const sessions: HistorySession[] = [];
  const tag = source.split('-')[0];
  for (let s = 0; s < options.sessions; s++) {
    // The first projects are the busier ones, as real work is uneven.
    const project = projects[Math.min(projects.length - 1, Math.floor(next() ** 1.6 * projects.length))];
    const id = `${tag}${String(s).padStart(4, '0')}-${Math.floor(next() * 0xffffffff).toString(16).padStart(8, '0')}-4000-8000-${String(s).padStart(12, '0')}`;
    sessions.push({ id, title: `${TITLES[s % TITLES.length]} (${s + 1})`, project });
    const start = options.now - HOUR - Math.floor(next() * (options.days * DAY - HOUR));
    const count = Math.max(1, Math.round(options.requestsPerSession * (0.5 + next())));
    const models = MODELS[source];
    const main = models[s % 4 === 0 ? 1 % models.length : 0];
    const side = models[models.length - 1];
    const span = Math.min(options.now - start - 1, (0.5 + next() * 1.5) * HOUR);
    for (let r = 0; r < count; r++) {
      const [model, inPerM, outPerM] = next() < 0.15 ? side : main;
      const input = 200 + Math.floor(next() * 3_000);
      const output = 100 + Math.floor(next() * 1_500);
      const cacheRead = 10_000 + Math.floor(next() * 60_000);
      const cost = Math.round(input * inPerM + output * outPerM + cacheRead * inPerM * 0.1);
      rows.push({
        budget_id: null, budget_period_start: null, provider: source === 'codex-logs' ? 'openai' : 'anthropic', model,
        usage: { input_tokens: input, output_tokens: output, cache_write_5m_tokens: 0, cache_write_1h_tokens: 0, cache_read_input_tokens: cacheRead, web_search_requests: 0 },
        cost_micros: cost, price_inferred: false, request_id: `${id}-r${r}`, session_id: id, project, auth_kind: null, source,
        created_at: start + Math.floor((r / count) * span),
      });
    }
  }
  return { rows, sessions };
}

/** Writes a history into the store in import-sized batches; returns its sessions. */
export async function writeHistory(store: Store, options: HistoryOptions): Promise<HistorySession[]> {
  const { rows, sessions } = historyRows(options);
  for (let i = 0; i < rows.length; i += 5_000) await store.usage.importSettled(rows.slice(i, i + 5_000));
  return sessions;
}
