/**
 * Team mode across instances on one PostgreSQL: a reservation left by an instance that died is
 * settled at its worst case by another live instance once its lease runs out; a live instance's
 * renewed lease is left alone; settings and spend are the same from every instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import type { CostPlan, RequestMeta } from '../../src-main/core/ledger/types.js';
import type { PgLedger } from '../../src-main/core/store/postgres/ledger.js';
import type { Store } from '../../src-main/core/store/store.js';
import { postgresKind } from './stores.js';

const LEASE_MS = 60_000;
const kind = postgresKind(LEASE_MS);
const META: RequestMeta = { provider: 'anthropic', model: 'claude-sonnet-4-6', stream: true, price_inferred: false, session_id: null, auth_kind: 'api_key', project: null };
const PLAN: CostPlan = { fixed_micros: 1_000, output_picos_per_token: 15_000_000, max_output_tokens: 1_000, min_output_tokens: null };
const NOW = Date.now();

describe.skipIf(kind.skip)('team mode on PostgreSQL', () => {
  let dead: Store;
  let alive: Store;
  beforeAll(async () => {
    dead = await kind.open();
    alive = await kind.openPeer!();
  });
  afterAll(async () => {
    await alive.close();
    await kind.teardown();
  });

  it('settles a dead instance’s reservation at its worst case once the lease expires, and only then', async () => {
    await dead.budgets.create({ name: 'team', max_micros: 1_000_000, period: 'monthly', timezone: 'UTC', webhook_url: null, clamp_max_tokens: false }, NOW);
    const stranded = await dead.ledger.admit({ budget_ref: 'team', plan: PLAN, meta: META, now: NOW });
    const kept = await alive.ledger.admit({ budget_ref: 'team', plan: PLAN, meta: META, now: NOW });
    expect(stranded.ok && kept.ok).toBe(true);
    await dead.close();

    // Before the lease runs out nothing is touched; after it, the dead instance's row is settled.
    expect(await alive.ledger.recover(NOW + LEASE_MS - 1)).toBe(0);
    await (alive.ledger as PgLedger).renewLeases(NOW + LEASE_MS);
    expect(await alive.ledger.recover(NOW + LEASE_MS + 1)).toBe(1);
    const team = (await alive.budgets.get('team', NOW))!;
    expect(team).toMatchObject({ spent_micros: worstCase(PLAN), reserved_micros: worstCase(PLAN) });
    const { items } = await alive.usage.list(team.id, { limit: 10, offset: 0, status: 'interrupted' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ cost_micros: worstCase(PLAN), estimated: true });
  });

  it('shares settings between instances', async () => {
    const third = await kind.openPeer!();
    await alive.settings.update({ auto_create_budgets: true, default_max_micros: 3_000_000 });
    expect(await third.settings.get()).toMatchObject({ auto_create_budgets: true, default_max_micros: 3_000_000 });
    await third.close();
  });
});
