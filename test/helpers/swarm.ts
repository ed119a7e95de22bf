/**
 * Many requests in flight together against one small budget: the mock holds every admitted request
 * at its gate, so all admissions happen while the others are still reserved.
 */
import { expect } from 'vitest';
import { settled, type TestCore } from './core.js';
import type { MockUpstream } from './mock-upstream.js';
import { waitFor } from './wait.js';

export interface SwarmResult {
  /** Requests that reached the provider. */
  admitted: number;
  refused: number;
  /** Requests that ended well for the client. */
  ok: number;
}

/** The mock must be in its gate scenario. Checks the cap while all are in flight, then lets them finish and settle. */
export async function swarm(t: TestCore, mock: MockUpstream<unknown>, budget: string, count: number, call: () => Promise<unknown>): Promise<SwarmResult> {
  let refused = 0;
  const calls = Array.from({ length: count }, () =>
    call().then(
      () => true,
      (error: { status?: number }) => {
        if (error.status === 402) refused++;
        return false;
      },
    ),
  );
  await waitFor(() => mock.gated() + refused === count, 'every request to be admitted or refused');
  const admitted = mock.gated();
  const during = (await t.api('GET', `/budgets/${budget}`)).body;
  expect(during.spent_dollars + during.reserved_dollars).toBeLessThanOrEqual(during.max_dollars);
  mock.openGate();
  const results = await Promise.all(calls);
  await settled(t);
  return { admitted, refused, ok: results.filter(Boolean).length };
}
