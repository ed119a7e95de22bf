/**
 * Fills a stopped app's SQLite file with a year of history: `rows` settled usage rows across a few
 * budgets, models and sessions (about 2% blocked), and `logRows` requests imported from the coding
 * agents' logs (Claude Code, Codex, Gemini) across 30 projects in sessions of about 250 requests,
 * with the rollups the app keeps beside them, built by the app's own SQL. The app is started on the file afterwards.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AGENT_DAILY_BACKFILL } from '../../dist/src-main/core/store/agent-daily.js';
import { AGENT_ROLLUP_BACKFILL } from '../../dist/src-main/core/store/agent-rollup.js';

const HOUR_MS = 3_600_000;
const MODELS = [
  ['anthropic', 'claude-sonnet-4-5', 3, 15],
  ['anthropic', 'claude-haiku-4-5', 1, 5],
  ['anthropic', 'claude-opus-4-1', 15, 75],
  ['openai', 'gpt-5', 1.25, 10],
  ['openai', 'gpt-4.1-mini', 0.4, 1.6],
];

/** Deterministic, so every run measures the same store. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LOG_SOURCES = [
  ['claude-code-logs', 0.7, [['claude-sonnet-4-5', 3, 15], ['claude-opus-4-1', 15, 75], ['claude-haiku-4-5', 1, 5]]],
  ['codex-logs', 0.2, [['gpt-5-codex', 1.25, 10], ['gpt-5-mini', 0.25, 2]]],
  ['gemini-logs', 0.1, [['gemini-2.5-pro', 1.25, 10], ['gemini-2.5-flash', 0.3, 2.5]]],
];
const SESSION_REQUESTS = 250;
const SESSION_HOURS = 2;

/** Sessions of agent-log requests, spread over the year, each in one project on one or two models. */
function fillLogRows(db, next, logRows, days, now) {
  const insert = db.prepare(
    `INSERT INTO usage (provider, model, status, cost_micros, input_tokens, output_tokens, cache_read_input_tokens, request_id, session_id,
       project, source, created_at, settled_at) VALUES ('anthropic', ?, 'ok', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sessions = Math.ceil(logRows / SESSION_REQUESTS);
  const span = days * 24 * HOUR_MS;
  for (let s = 0; s < sessions; s++) {
    const pick = next();
    const [source, , models] = pick < 0.7 ? LOG_SOURCES[0] : pick < 0.9 ? LOG_SOURCES[1] : LOG_SOURCES[2];
    const project = `/Users/dev/code/project-${String(Math.floor(next() ** 1.5 * 30)).padStart(2, '0')}`;
    const sessionId = `${source.split('-')[0]}-${s}-${Math.floor(next() * 1e9)}`;
    const start = now - span + Math.floor((s / sessions) * span);
    const count = Math.min(SESSION_REQUESTS, logRows - s * SESSION_REQUESTS);
    for (let r = 0; r < count; r++) {
      const [model, inPrice, outPrice] = models[next() < 0.8 ? 0 : 1];
      const input = 200 + Math.floor(next() * 3_000);
      const output = 100 + Math.floor(next() * 1_500);
      const cacheRead = Math.floor(next() * 60_000);
      const cost = Math.round(input * inPrice + output * outPrice + cacheRead * inPrice * 0.1);
      const at = start + Math.floor((r / count) * SESSION_HOURS * HOUR_MS);
      insert.run(model, cost, input, output, cacheRead, `${sessionId}-${r}`, sessionId, project, source, at, at);
    }
  }
}

export function fillStore(dataDir, { rows, logRows = 0, budgetIds, days = 365, now = Date.now() }) {
  const db = new Database(join(dataDir, 'agent-budget.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const next = random(42);
  const insert = db.prepare(
    `INSERT INTO usage (budget_id, provider, model, status, cost_micros, input_tokens, output_tokens, cache_read_input_tokens,
       stream, request_id, session_id, auth_kind, source, period_start, created_at, settled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'api_key', 'proxy', ?, ?, ?)`,
  );
  const periodStart = new Map(budgetIds.map((id) => [id, db.prepare('SELECT period_start FROM budgets WHERE id = ?').pluck().get(id)]));
  const spent = new Map(budgetIds.map((id) => [id, 0]));
  const span = days * 24 * HOUR_MS;
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const budgetId = budgetIds[i % budgetIds.length];
      const [provider, model, inPrice, outPrice] = MODELS[Math.floor(next() * MODELS.length)];
      const blocked = next() < 0.02;
      const input = 500 + Math.floor(next() * 20_000);
      const output = 50 + Math.floor(next() * 2_000);
      const cacheRead = Math.floor(next() * 30_000);
      const cost = blocked ? 0 : Math.round(input * inPrice + output * outPrice + cacheRead * inPrice * 0.1);
      const createdAt = now - span + Math.floor((i / rows) * span);
      insert.run(budgetId, provider, model, blocked ? 'blocked' : 'ok', cost, blocked ? 0 : input, blocked ? 0 : output, blocked ? 0 : cacheRead,
        i % 2, `req_bench_${i}`, `session-${budgetId}-${Math.floor(i / 400)}`, periodStart.get(budgetId), createdAt, blocked ? null : createdAt);
      spent.set(budgetId, spent.get(budgetId) + cost);
    }
    fillLogRows(db, next, logRows, days, now);
  })();
  db.exec(`DELETE FROM usage_hourly;
    INSERT INTO usage_hourly (budget_id, hour, provider, model, source, requests, blocked, cost_micros, input_tokens, output_tokens,
      cache_creation_input_tokens, cache_read_input_tokens)
    SELECT COALESCE(budget_id, 0), created_at / ${HOUR_MS}, provider, model, source, SUM(status <> 'blocked'), SUM(status = 'blocked'), SUM(cost_micros),
      SUM(input_tokens), SUM(output_tokens), 0, SUM(cache_read_input_tokens)
    FROM usage GROUP BY 1, 2, 3, 4, 5;
    DELETE FROM agent_usage_hourly;
    ${AGENT_ROLLUP_BACKFILL};
    DELETE FROM agent_usage_daily;
    DROP TABLE agent_daily_progress;
    ${AGENT_DAILY_BACKFILL.join(';\n')}`);
  const setSpent = db.prepare('UPDATE budgets SET spent_micros = ? WHERE id = ?');
  for (const [id, micros] of spent) setSpent.run(micros, id);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
