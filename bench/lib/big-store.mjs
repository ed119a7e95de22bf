/**
 * Fills a stopped app's SQLite file with a year of history: `rows` settled usage rows across a few
 * budgets, models and sessions (about 2% blocked), with the hourly rollup the app keeps beside them,
 * written the way the app writes them. The app is started on the file afterwards.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

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

export function fillStore(dataDir, { rows, budgetIds, days = 365, now = Date.now() }) {
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
  })();
  db.exec(`DELETE FROM usage_hourly;
    INSERT INTO usage_hourly (budget_id, hour, provider, model, source, requests, blocked, cost_micros, input_tokens, output_tokens,
      cache_creation_input_tokens, cache_read_input_tokens)
    SELECT budget_id, created_at / ${HOUR_MS}, provider, model, source, SUM(status <> 'blocked'), SUM(status = 'blocked'), SUM(cost_micros),
      SUM(input_tokens), SUM(output_tokens), 0, SUM(cache_read_input_tokens)
    FROM usage GROUP BY 1, 2, 3, 4, 5`);
  const setSpent = db.prepare('UPDATE budgets SET spent_micros = ? WHERE id = ?');
  for (const [id, micros] of spent) setSpent.run(micros, id);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
