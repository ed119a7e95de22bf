/**
 * The agents view's daily rollup (migrations 10 and 11) holds exactly what the hourly rollup holds for
 * the hours it covers: when a data folder or a team database from before it is upgraded, and on a
 * single machine as it takes each hour once the hour has ended (a request settled or imported into an
 * hour it already holds is added at once). The views over whole days count every request once.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CostPlan, RequestMeta } from '../../src-main/core/ledger/types.js';
import { createLogger } from '../../src-main/core/logger.js';
import { agentRollupParams, agentRollupSql } from '../../src-main/core/store/agent-rollup.js';
import { type Dialect, MIGRATIONS, migrationSql } from '../../src-main/core/store/migrations.js';
import { compactAgentDays } from '../../src-main/core/store/postgres/agent-days.js';
import { createPostgresStore } from '../../src-main/core/store/postgres/index.js';
import { createPool, named } from '../../src-main/core/store/postgres/pool.js';
import { AgentDays } from '../../src-main/core/store/sqlite/agent-days.js';
import { createSqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { DB_FILE } from '../../src-main/core/store/sqlite/open.js';
import type { Store } from '../../src-main/core/store/store.js';
import type { UsageSource } from '../../src-main/core/store/types.js';
import { ZERO_USAGE } from '../../src-main/core/usage.js';
import { pgSuiteMode, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const logger = createLogger('silent');
const USAGE = { ...ZERO_USAGE, input_tokens: 300, output_tokens: 200 };
const hourOf = (t: number) => Math.floor(t / HOUR);

type Run = (sql: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

const DAILY = `SELECT source, day, project, session_id, budget_id, requests, cost_micros, input_tokens, output_tokens, cache_read_input_tokens, first_at, last_at
  FROM agent_usage_daily ORDER BY 1, 2, 3, 4, 5`;
const HOURLY_BY_DAY = `SELECT source, hour / 24 AS day, project, session_id, budget_id, SUM(requests) AS requests, SUM(cost_micros) AS cost_micros,
    SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(cache_read_input_tokens) AS cache_read_input_tokens,
    MIN(first_at) AS first_at, MAX(last_at) AS last_at
  FROM agent_usage_hourly WHERE hour < @through GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

/** The daily rollup's rows, and the hourly rollup's before `through` summed per day: they must be the same. */
async function bothRollups(run: Run, through: number) {
  const numbers = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])));
  return { daily: numbers(await run(DAILY)), fromHours: numbers(await run(HOURLY_BY_DAY, { through })) };
}

/** Three days of what version 9 wrote to the hourly rollup: the proxy's traffic in a budget, and a project's logged sessions. */
const AT = Date.UTC(2026, 10, 20, 21, 30);
const HISTORY: { source: UsageSource; project: string | null; session_id: string; model: string; budget_id: 'team' | null; cost: number; at: number }[] = [
  { source: 'proxy', project: null, session_id: 'p-1', model: 'claude-sonnet-4-5', budget_id: 'team', cost: 2_000, at: AT },
  { source: 'proxy', project: null, session_id: 'p-1', model: 'claude-haiku-4-5', budget_id: 'team', cost: 500, at: AT + 3 * HOUR },
  { source: 'proxy', project: null, session_id: 'p-2', model: 'claude-sonnet-4-5', budget_id: 'team', cost: 1_500, at: AT + DAY },
  { source: 'claude-code-logs', project: '/shop', session_id: 's-a', model: 'claude-sonnet-4-5', budget_id: null, cost: 4_000, at: AT + HOUR },
  { source: 'claude-code-logs', project: '/shop', session_id: 's-a', model: 'claude-sonnet-4-5', budget_id: null, cost: 1_000, at: AT + 2 * HOUR },
  { source: 'claude-code-logs', project: '/blog', session_id: 's-b', model: 'claude-opus-4-1', budget_id: null, cost: 9_000, at: AT + 2 * DAY },
];

/** Applies migrations 1–9 as an earlier version did, then its budget and hourly rollup rows. */
async function writeVersion9(run: Run, dialect: Dialect) {
  await run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= 9)) {
    for (const sql of migrationSql(migration, dialect)) await run(sql);
    await run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)', { version: migration.version, name: migration.name, at: AT });
  }
  await run("INSERT INTO budgets (name, period, timezone, period_start, created_at) VALUES ('team', 'total', 'UTC', 0, @at)", { at: AT });
  const [{ id }] = await run("SELECT id FROM budgets WHERE name = 'team'");
  for (const row of HISTORY) {
    const entry = { ...row, budget_id: row.budget_id === null ? null : Number(id), cost_micros: row.cost, usage: USAGE, created_at: row.at, auth_kind: 'api_key' as const };
    await run(agentRollupSql(dialect), agentRollupParams(entry));
  }
}

/** What the views say over the three days as whole days (and as all time), which the daily rollup answers. */
async function expectHistoryViews(store: Store) {
  const page = { sort: 'cost' as const, order: 'desc' as const, limit: 10, offset: 0 };
  for (const fromHour of [0, hourOf(AT - 2 * DAY)]) {
    const proxy = { source: 'proxy', fromHour, toHour: hourOf(Date.now()) + 1 };
    expect(await store.agentViews.totals(proxy)).toMatchObject({ requests: 3, cost_micros: 4_000, sessions: 2, projects: 1, first_at: AT, last_at: AT + DAY });
    expect((await store.agentViews.projects(proxy, page)).items).toEqual([expect.objectContaining({ key: 'budget:team', budget: 'team', requests: 3, sessions: 2 })]);
    const logs = { ...proxy, source: 'claude-code-logs' };
    expect((await store.agentViews.sessions(logs, page)).items.map((s) => [s.session_id, s.project_key, s.requests, s.cost_micros, s.first_at, s.last_at])).toEqual([
      ['s-b', '/blog', 1, 9_000, AT + 2 * DAY, AT + 2 * DAY],
      ['s-a', '/shop', 2, 5_000, AT + HOUR, AT + 2 * HOUR],
    ]);
    expect((await store.agentViews.sessions({ ...proxy, project: 'budget:team' }, page)).total).toBe(2);
  }
}

describe('sqlite store', () => {
  const sqliteRun = (db: Database.Database): Run => async (sql, params = {}) => {
    const statement = db.prepare(sql);
    return statement.reader ? (statement.all(params) as Record<string, unknown>[]) : (statement.run(params), []);
  };

  it('builds the daily rollup from the hourly one when a data folder from before it opens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-daily-'));
    const db = new Database(join(dataDir, DB_FILE));
    await writeVersion9(sqliteRun(db), 'sqlite');
    db.close();
    const store = createSqliteStore({ dataDir, logger });
    try {
      const { daily, fromHours } = await bothRollups(sqliteRun(store.db), Number.MAX_SAFE_INTEGER);
      expect(daily).toHaveLength(5);
      expect(daily).toEqual(fromHours);
      await expectHistoryViews(store);
    } finally {
      await store.close();
    }
  });

  it('adds each hour to the daily rollup once it has ended, and a request in an hour it holds at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-daily-'));
    const now = Date.now();
    const meta: RequestMeta = { provider: 'anthropic', model: 'claude-sonnet-4-6', stream: true, price_inferred: false, session_id: 'p-1', auth_kind: 'api_key', project: null };
    const plan: CostPlan = { fixed_micros: 1_000, output_picos_per_token: 15_000_000, max_output_tokens: 1_000, min_output_tokens: 100 };
    const logged = (n: number, at: number) => ({
      budget_id: null, budget_period_start: null, provider: 'anthropic' as const, model: 'claude-sonnet-4-5', usage: USAGE, cost_micros: 1_000 * n, price_inferred: false,
      request_id: `req_log_${n}`, session_id: `s-${n}`, project: '/shop', auth_kind: null, source: 'claude-code-logs' as const, created_at: at,
    });
    let store = createSqliteStore({ dataDir, logger });
    const through = store.db.prepare('SELECT through_hour FROM agent_daily_progress').pluck().get() as number;
    const scope = { source: 'proxy', fromHour: hourOf(now - 5 * DAY), toHour: hourOf(now + 3 * DAY) };
    try {
      await store.budgets.create({ name: 'team', max_micros: null, period: 'total', timezone: 'UTC', webhook_url: null, clamp_max_tokens: false }, now - 40 * HOUR);
      // Settled two hours from now (not in the daily rollup yet) and 30 hours ago (already held there).
      for (const at of [now + 2 * HOUR, now - 30 * HOUR]) {
        const admitted = await store.ledger.admit({ budget_ref: 'team', plan, meta, now: at });
        if (!admitted.ok) throw new Error('not admitted');
        await store.ledger.settle(admitted.reservation_id, { status: 'ok', usage: USAGE, cost_micros: 2_000, estimated: false, request_id: `req_${at}`, now: at });
      }
      await store.usage.importSettled([logged(1, now + 3 * HOUR), logged(2, now - 50 * HOUR)]);
      const { daily, fromHours } = await bothRollups(sqliteRun(store.db), through);
      expect(daily.map((row) => [row.source, row.requests])).toEqual([['claude-code-logs', 1], ['proxy', 1]]);
      expect(daily).toEqual(fromHours);
      expect(await store.agentViews.totals(scope)).toMatchObject({ requests: 2, cost_micros: 4_000, sessions: 1 });
      expect(await store.agentViews.totals({ ...scope, source: 'claude-code-logs' })).toMatchObject({ requests: 2, cost_micros: 3_000, sessions: 2, projects: 1 });
    } finally {
      await store.close();
    }

    // Four hours on, the hours that ended are added (here by hand; the store does it every few minutes).
    const db = new Database(join(dataDir, DB_FILE));
    new AgentDays(db, () => now + 4 * HOUR).stop();
    const { daily, fromHours } = await bothRollups(sqliteRun(db), hourOf(now + 4 * HOUR));
    expect(daily.reduce((n, row) => n + Number(row.requests), 0)).toBe(4);
    expect(daily).toEqual(fromHours);
    db.close();
    store = createSqliteStore({ dataDir, logger });
    try {
      expect(await store.agentViews.totals(scope)).toMatchObject({ requests: 2, cost_micros: 4_000, sessions: 1 });
      expect(await store.agentViews.totals({ ...scope, source: 'claude-code-logs' })).toMatchObject({ requests: 2, cost_micros: 3_000, sessions: 2 });
    } finally {
      await store.close();
    }
  });
});

const pgMode = pgSuiteMode();
describe.skipIf(!pgMode.run)('postgres store', () => {
  let server: TestPostgres | null = null;
  afterAll(() => server?.stop());

  it('builds the daily rollup from the hourly one when a team database from before it is migrated, and settles into both', async () => {
    server ??= await startTestPostgres();
    const url = await server.freshDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const run: Run = async (sql, params) => (await client.query(params ? named(sql, params) : sql)).rows;
    try {
      await writeVersion9(run, 'postgres');
      const store = await createPostgresStore({ url, leaseMs: 60_000, logger });
      try {
        const upgraded = await bothRollups(run, Number.MAX_SAFE_INTEGER);
        expect(upgraded.daily).toHaveLength(5);
        expect(upgraded.daily).toEqual(upgraded.fromHours);
        await expectHistoryViews(store);
        const meta: RequestMeta = { provider: 'anthropic', model: 'claude-sonnet-4-6', stream: true, price_inferred: false, session_id: 'p-1', auth_kind: 'api_key', project: null };
        const plan: CostPlan = { fixed_micros: 1_000, output_picos_per_token: 15_000_000, max_output_tokens: 1_000, min_output_tokens: 100 };
        const admitted = await store.ledger.admit({ budget_ref: 'team', plan, meta, now: AT + 5 * HOUR });
        if (!admitted.ok) throw new Error('not admitted');
        await store.ledger.settle(admitted.reservation_id, { status: 'ok', usage: USAGE, cost_micros: 700, estimated: false, request_id: 'req_pg', now: AT + 5 * HOUR });
        const settled = await bothRollups(run, Number.MAX_SAFE_INTEGER);
        expect(settled.daily).toEqual(settled.fromHours);
        expect(await store.agentViews.totals({ source: 'proxy', fromHour: 0, toHour: hourOf(Date.now()) + 1 })).toMatchObject({ requests: 4, cost_micros: 4_700 });

        // Requests settled in hours to come while another instance compacts across them: each is counted once.
        const now = Date.now();
        const through = async () => Number((await run('SELECT through_hour FROM agent_daily_progress'))[0].through_hour);
        expect(await through()).toBe(hourOf(now));
        const settleAt = async (at: number, n: number) => {
          const held = await store.ledger.admit({ budget_ref: 'team', plan, meta: { ...meta, session_id: `f-${n % 3}` }, now: at });
          if (!held.ok) throw new Error('not admitted');
          await store.ledger.settle(held.reservation_id, { status: 'ok', usage: USAGE, cost_micros: 100, estimated: false, request_id: `req_f${n}`, now: at });
        };
        const otherInstance = createPool(url);
        try {
          const [compacted] = await Promise.all([compactAgentDays(otherInstance, now + 2 * HOUR), ...Array.from({ length: 40 }, (_, n) => settleAt(now + (n % 4) * HOUR + n, n))]);
          // A compaction that writers kept waiting too long gives up; the next one (here at once) adds the hours.
          for (let tries = 0; !compacted && tries < 5; tries++) if (await compactAgentDays(otherInstance, now + 2 * HOUR)) break;
        } finally {
          await otherInstance.end();
        }
        expect(await through()).toBe(hourOf(now + 2 * HOUR));
        const raced = await bothRollups(run, await through());
        expect(raced.daily).toEqual(raced.fromHours);
        const scope = { source: 'proxy', fromHour: hourOf(AT - DAY), toHour: hourOf(now + 4 * HOUR) + 1 };
        expect(await store.agentViews.totals(scope)).toMatchObject({ requests: 44, cost_micros: 8_700 });
      } finally {
        await store.close();
      }
    } finally {
      await client.end();
    }
  });
});
