/** When the proxy asks count_tokens, and when it refuses without asking (no count could admit the request). */
import { describe, expect, it } from 'vitest';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import { ANTHROPIC_PRICES } from '../../src-main/core/pricing/seed-anthropic.js';
import { tightenWithCount } from '../../src-main/core/providers/anthropic/count-tokens.js';
import { parseAnthropicRequest } from '../../src-main/core/providers/anthropic/request.js';
import { anthropicCostPlan, inputTokenBound } from '../../src-main/core/providers/anthropic/worst-case.js';

const price = ANTHROPIC_PRICES.find((p) => p.model === 'claude-sonnet-4-6')!;
let conversation = 0;

/** 100 KB of prompt (a loose byte bound) and 4,000 output tokens at $15/M: $0.06 of output alone. */
function tighten(room: number, clamp: boolean) {
  const request = parseAnthropicRequest(
    Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 4_000, messages: [{ role: 'user', content: `${conversation++} ${'word '.repeat(20_000)}` }] })),
  );
  const plan = anthropicCostPlan(request, price, inputTokenBound(request));
  const asked: unknown[] = [];
  const context = { room, clamp, headers: {}, countTokens: async (body: Record<string, unknown>) => (asked.push(body), 25_000) };
  return tightenWithCount(request, plan, price, context).then((tightened) => ({ plan, tightened, asked: asked.length }));
}

describe('tightening with count_tokens', () => {
  it('does not ask when the output allowance alone cannot fit in what remains', async () => {
    const { plan, tightened, asked } = await tighten(50_000, false);
    expect(asked).toBe(0);
    expect(tightened).toEqual(plan);
  });

  it('asks when a count could make the request fit, and uses it', async () => {
    // 25,000 counted → 27,601 tokens with the margin (rounded up): $0.082803 + $0.06 fits in $0.20; the byte
    // bound (over $0.30) does not.
    const { tightened, asked } = await tighten(200_000, false);
    expect(asked).toBe(1);
    expect(worstCase(tightened)).toBe(82_803 + 60_000);
  });

  it('asks when the output does not fit but the budget may lower max_tokens to what fits', async () => {
    // Clamped to the 1,024-token minimum ($0.01536) plus the least input, $0.05 could still admit it.
    const { asked } = await tighten(50_000, true);
    expect(asked).toBe(1);
  });
});
