/**
 * One contract, two stores: the embedded SQLite file and the team's PostgreSQL must answer every
 * question the same way, and neither may let a budget be overspent.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import type { CostPlan, RequestMeta } from '../../src-main/core/ledger/types.js';
import type { Store } from '../../src-main/core/store/store.js';
import { ZERO_USAGE } from '../../src-main/core/usage.js';
import { postgresKind, sqliteKind } from './stores.js';

const META: RequestMeta = { provider: 'anthropic', model: 'claude-sonnet-4-5', stream: true, price_inferred: false, session_id: null, auth_kind: 'api_key', project: null };
const NOW = Date.UTC(2026, 10, 24, 12);
const DAY = 86_400_000;
/** $0.001 fixed + up to 1,000 output tokens at $15/M = $0.016 worst case. */
const PLAN: CostPlan = { fixed_micros: 1_000, output_picos_per_token: 15_000_000, max_output_tokens: 1_000, min_output_tokens: 100 };
const WORST = worstCase(PLAN);
const USAGE = { ...ZERO_USAGE, input_tokens: 300, output_tokens: 200 };

const budgetInput = (name: string, max_micros: number | null, extra = {}) => ({ name, max_micros, period: 'daily' as const, timezone: 'America/New_York', webhook_url: null, clamp_max_tokens: false, ...extra });

for (const kind of [sqliteKind(), postgresKind()]) {
  describe.skipIf(kind.skip)(`${kind.name} store`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await kind.open();
    });
    afterEach(() => store.close());
    afterAll(() => kind.teardown());

    const admit = (ref: string, extra: Partial<RequestMeta> = {}, plan = PLAN, now = NOW) => store.ledger.admit({ budget_ref: ref, plan, meta: { ...META, ...extra }, now });
    const settle = (id: number, cost: number, now = NOW) => store.ledger.settle(id, { status: 'ok', usage: USAGE, cost_micros: cost, estimated: false, request_id: `req_${id}`, now });

    it('creates, finds, renames and deletes budgets; a taken name is a conflict', async () => {
      const created = await store.budgets.create(budgetInput('team', 5_000_000), NOW);
      expect(await store.budgets.get('team', NOW)).toMatchObject({ id: created.id, max_micros: 5_000_000, period: 'daily', timezone: 'America/New_York' });
      expect((await store.budgets.get(String(created.id), NOW))?.name).toBe('team');
      await expect(store.budgets.create(budgetInput('team', 1), NOW)).rejects.toMatchObject({ kind: 'conflict_error', status: 409 });
      const renamed = await store.budgets.update(created.id, { name: 'squad', max_micros: 7_000_000 }, NOW);
      expect(renamed).toMatchObject({ name: 'squad', max_micros: 7_000_000 });
      expect((await store.budgets.list(NOW)).map((b) => b.name)).toContain('squad');
      await store.budgets.remove(created.id);
      expect(await store.budgets.get('squad', NOW)).toBeNull();
    });

    it('reserves the worst case, settles the real cost once, and refuses what could cross the cap', async () => {
      await store.budgets.create(budgetInput('small', WORST * 2 + 10), NOW);
      const first = await admit('small');
      expect(first).toMatchObject({ ok: true, reserved_micros: WORST, clamped_max_tokens: null });
      if (!first.ok) return;
      const change = await settle(first.reservation_id, 4_000);
      expect(change?.budget).toMatchObject({ spent_micros: 4_000, reserved_micros: 0 });
      expect(await settle(first.reservation_id, 4_000)).toBeNull();
      expect(await admit('small')).toMatchObject({ ok: true });
      const refused = await admit('small');
      expect(refused).toMatchObject({ ok: false, reason: 'budget', worst_case_micros: WORST });
      const { items } = await store.usage.list((await store.budgets.get('small', NOW))!.id, { limit: 10, offset: 0, status: 'blocked' });
      expect(items).toHaveLength(1);
    });

    it('clamps max_tokens to what the budget covers when the budget allows it', async () => {
      await store.budgets.create(budgetInput('clamp', 4_000, { clamp_max_tokens: true }), NOW);
      const result = await admit('clamp');
      // (4,000 − 1,000) µ$ at 15 µ$ per 1,000 tokens → 200 tokens.
      expect(result).toMatchObject({ ok: true, clamped_max_tokens: 200, reserved_micros: 4_000 });
      expect(await admit('clamp')).toMatchObject({ ok: false, reason: 'budget' });
    });

    it('admits exactly what fits when 200 requests race for one small budget', async () => {
      await store.budgets.create(budgetInput('race', WORST * 37 + 5), NOW);
      const results = await Promise.all(Array.from({ length: 200 }, () => admit('race')));
      expect(results.filter((r) => r.ok)).toHaveLength(37);
      const budget = (await store.budgets.get('race', NOW))!;
      expect(budget.reserved_micros).toBe(WORST * 37);
    });

    it('caps a session within its budget, and an uncapped budget always admits', async () => {
      await store.budgets.create(budgetInput('sessions', null, { max_session_micros: WORST + 100 }), NOW);
      expect(await admit('sessions', { session_id: 'sess-a' })).toMatchObject({ ok: true });
      const refused = await admit('sessions', { session_id: 'sess-a' });
      expect(refused).toMatchObject({ ok: false, reason: 'session', session: { session_id: 'sess-a', used_micros: WORST } });
      expect(await admit('sessions', { session_id: 'sess-b' })).toMatchObject({ ok: true });
      expect(await admit('sessions')).toMatchObject({ ok: true });
      expect((await store.usage.sessions((await store.budgets.get('sessions', NOW))!.id, 0, 10)).map((s) => s.session_id).sort()).toEqual(['sess-a', 'sess-b']);
    });

    it('holds the global cap across budgets and refuses everything while paused', async () => {
      await store.budgets.create(budgetInput('a', null), NOW);
      await store.budgets.create(budgetInput('b', null), NOW);
      await store.settings.update({ global_max_micros: WORST + 1, global_period: 'monthly' });
      expect(await admit('a')).toMatchObject({ ok: true });
      expect(await admit('b')).toMatchObject({ ok: false, reason: 'global' });
      await store.settings.update({ global_max_micros: null, paused: true });
      expect((await store.settings.get()).paused).toBe(true);
    });

    it('gives the global cap back what a deleted budget held in flight; its late settlement changes nothing', async () => {
      const doomed = await store.budgets.create(budgetInput('doomed', null), NOW);
      await store.settings.update({ global_max_micros: WORST * 10, global_period: 'monthly' });
      const admitted = await admit('doomed');
      expect(admitted).toMatchObject({ ok: true });
      await store.budgets.remove(doomed.id);
      if (admitted.ok) expect(await settle(admitted.reservation_id, 4_000)).toBeNull();
      await store.budgets.create(budgetInput('next', null), NOW);
      const next = await admit('next');
      expect(next).toMatchObject({ ok: true });
      if (next.ok) expect((await settle(next.reservation_id, 1_000))?.global).toMatchObject({ reserved_micros: 0, spent_micros: 1_000 });
    });

    it("starts a new period at the budget's own local midnight", async () => {
      await store.budgets.create(budgetInput('daily', WORST + 10), NOW);
      const first = await admit('daily');
      if (first.ok) await settle(first.reservation_id, WORST);
      expect(await admit('daily')).toMatchObject({ ok: false });
      const nextDay = await admit('daily', {}, PLAN, NOW + DAY);
      expect(nextDay).toMatchObject({ ok: true });
      if (nextDay.ok) expect(nextDay.budget.spent_micros).toBe(0);
    });

    it('buckets spend by local day for charts', async () => {
      const budget = await store.budgets.create(budgetInput('days', null), NOW);
      for (const at of [NOW, NOW + 3 * 3_600_000, NOW + DAY]) {
        const admitted = await admit('days', {}, PLAN, at);
        if (admitted.ok) await settle(admitted.reservation_id, 1_000, at);
      }
      const newYork = -5 * 3_600_000;
      const days = await store.usage.timeseries(budget.id, DAY, NOW - DAY, NOW + 2 * DAY, newYork);
      expect(days.map((d) => [d.start, d.requests, d.cost_micros])).toEqual([
        [Date.UTC(2026, 10, 24, 5), 2, 2_000],
        [Date.UTC(2026, 10, 25, 5), 1, 1_000],
      ]);
    });

    it('fires each alert threshold once per period', async () => {
      const budget = await store.budgets.create(budgetInput('alerts', 1_000_000), NOW);
      expect(await store.alerts.fire(budget, 80, NOW)).toMatchObject({ threshold: 80, budget_name: 'alerts' });
      expect(await store.alerts.fire(budget, 80, NOW + 1)).toBeNull();
      const [alert] = await store.alerts.list(10, budget.id);
      await store.alerts.addDelivery(alert.id, budget.id, { event: 'threshold', status_code: 200, error: null, attempted_at: NOW });
      expect((await store.alerts.list(10))[0].deliveries).toEqual([{ event: 'threshold', status_code: 200, error: null, attempted_at: NOW }]);
    });

    it('keeps a user-edited price when the seed is applied again', async () => {
      const price = { model: 'm-1', provider: 'anthropic' as const, input: 3_000_000, output: 15_000_000, cache_write_5m: 3_750_000, cache_write_1h: 6_000_000, cache_read: 300_000, long_context_threshold: null, long_context_input: null, long_context_output: null, web_search_per_use: 10_000, max_output_tokens: 64_000, source_date: '2026-11-01' };
      await store.pricing.seed([price], NOW);
      await store.pricing.upsert({ ...price, input: 2_000_000 }, NOW + 1);
      await store.pricing.seed([price], NOW + 2);
      expect((await store.pricing.list()).find((p) => p.model === 'm-1')).toMatchObject({ input: 2_000_000, output: 15_000_000 });
      expect(await store.pricing.updatedAt()).toBe(NOW + 1);
    });

    it('counts each log source’s requests, and records what logs say of their sessions with the requests', async () => {
      const row = { budget_id: null, budget_period_start: null, provider: 'openai' as const, model: 'gpt-4.1-mini', usage: USAGE, cost_micros: 700, price_inferred: false, request_id: 'codex-1', session_id: 's-9', project: '/p', auth_kind: null, source: 'codex-logs' as const, created_at: NOW };
      const session = { agent: 'codex' as const, session_id: 's-9', title: null, project: '/p', first_at: NOW, last_at: NOW + 1_000 };
      expect(await store.usage.importSettled([row, { ...row, request_id: 'codex-2', created_at: NOW + 1_000 }], [session])).toMatchObject({ inserted: 2 });
      // A later note about the same session (a title, an earlier request) merges into it.
      expect(await store.usage.importSettled([], [{ ...session, title: 'Fix the login', project: '/elsewhere', first_at: NOW - 5, last_at: null }])).toMatchObject({ inserted: 0 });
      expect(await store.usage.countBySource('codex-logs')).toBe(2);
      expect(await store.usage.countBySource('gemini-logs')).toBe(0);
    });

    it('sums usage for charts and tables, and imports a logged request once (a fuller copy corrects it, the proxy’s record wins)', async () => {
      const budget = await store.budgets.create(budgetInput('charts', null), NOW);
      const admitted = await admit('charts', { session_id: 's-1' });
      if (admitted.ok) await settle(admitted.reservation_id, 5_000);
      const row = { budget_id: budget.id, budget_period_start: budget.period_start, provider: 'anthropic' as const, model: 'claude-haiku-4-5', usage: USAGE, cost_micros: 700, price_inferred: false, request_id: 'req_imported', session_id: 's-1', project: '/p', auth_kind: null, source: 'claude-code-logs' as const, created_at: NOW };
      expect(await store.usage.importSettled([row])).toEqual({ inserted: 1, updated: 0, skipped: 0, budgetIds: [budget.id] });
      const fuller = { ...row, usage: { ...USAGE, output_tokens: 250 }, cost_micros: 900 };
      const proxied = { ...row, request_id: `req_${admitted.ok ? admitted.reservation_id : 0}` };
      expect(await store.usage.importSettled([fuller, row, proxied])).toEqual({ inserted: 0, updated: 1, skipped: 2, budgetIds: [budget.id] });
      expect((await store.budgets.get('charts', NOW))?.spent_micros).toBe(5_900);
      expect(await store.usage.totals(budget.id, NOW - DAY)).toMatchObject({ requests: 2, cost_micros: 5_900, input_tokens: 600, output_tokens: 450 });
      const points = await store.usage.timeseries(budget.id, 3_600_000, NOW - DAY, NOW + 1, 0);
      expect(points.reduce((sum, p) => sum + p.cost_micros, 0)).toBe(5_900);
      expect((await store.usage.byModel(budget.id, NOW - DAY)).map((m) => m.model).sort()).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-5']);
      expect(await store.usage.session('s-1')).toMatchObject({ requests: 2, cost_micros: 5_900, budgets: ['charts'] });
      expect(await store.usage.projects(NOW - DAY, 10)).toEqual([expect.objectContaining({ project: '/p', requests: 1, sessions: 1, cost_micros: 900 })]);
      expect((await store.usage.list(budget.id, { limit: 1, offset: 0 })).total).toBe(2);
      expect(await store.usage.top('model', NOW - DAY, 1)).toEqual([{ name: 'claude-sonnet-4-5', cost_micros: 5_000 }]);
    });
  });
}
