/** Budget admission on a real SQLite store: whatever the order of admissions and settlements, no overspend. */
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import type { CostPlan, RequestMeta } from '../../src-main/core/ledger/types.js';
import { createLogger } from '../../src-main/core/logger.js';
import { createSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { ZERO_USAGE } from '../../src-main/core/usage.js';

let store: SqliteStore;
beforeAll(() => {
  store = createSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'agent-budget-prop-')), logger: createLogger('silent') });
});
afterAll(() => store.close());

const META: RequestMeta = { provider: 'anthropic', model: 'claude-sonnet-4-6', stream: false, price_inferred: false, session_id: null, auth_kind: null, project: null };
const NOW = Date.UTC(2026, 10, 24, 12);

type Op = { kind: 'admit'; fixed: number; outputTokens: number; clampable: boolean } | { kind: 'settle'; pick: number; percent: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('admit' as const), fixed: fc.integer({ min: 0, max: 5_000 }), outputTokens: fc.integer({ min: 1, max: 4_000 }), clampable: fc.boolean() }),
  fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), percent: fc.integer({ min: 0, max: 100 }) }),
);

let budgetCount = 0;

describe('admission', () => {
  it('never lets spent + reserved pass the cap, for any sequence of admissions and settlements', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 50_000 }), fc.boolean(), fc.array(op, { minLength: 1, maxLength: 60 }), async (cap, clamp, ops) => {
        const name = `prop-${budgetCount++}`;
        const budget = await store.budgets.create({ name, max_micros: cap, period: 'total', timezone: 'UTC', webhook_url: null, clamp_max_tokens: clamp }, NOW);
        const pending: { id: number; reserved: number }[] = [];
        for (const step of ops) {
          if (step.kind === 'admit') {
            // $15 per million output tokens = 15 micro-dollars = 15,000,000 pico-dollars per token.
            const plan: CostPlan = { fixed_micros: step.fixed, output_picos_per_token: 15_000_000, max_output_tokens: step.outputTokens, min_output_tokens: step.clampable ? 1 : null };
            const result = await store.ledger.admit({ budget_ref: name, plan, meta: META, now: NOW });
            if (result.ok) {
              expect(result.reserved_micros).toBeLessThanOrEqual(worstCase(plan));
              pending.push({ id: result.reservation_id, reserved: result.reserved_micros });
            }
          } else if (pending.length > 0) {
            const [settled] = pending.splice(step.pick % pending.length, 1);
            const cost = Math.floor((settled.reserved * step.percent) / 100);
            await store.ledger.settle(settled.id, { status: 'ok', usage: ZERO_USAGE, cost_micros: cost, estimated: false, request_id: null, now: NOW });
          }
          const row = (await store.budgets.get(String(budget.id), NOW))!;
          expect(row.spent_micros + row.reserved_micros).toBeLessThanOrEqual(cap);
          expect(row.reserved_micros).toBe(pending.reduce((sum, p) => sum + p.reserved, 0));
        }
      }),
      { numRuns: 150 },
    );
  });
});
