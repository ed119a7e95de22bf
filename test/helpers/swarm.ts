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

/**
 * Reads a few events of a stream, then leaves as a client would (its SDK's abort signal), and
 * returns the settled usage row: how a stream left midway is billed.
 */
export async function leaveStream(t: TestCore, budget: string, stream: AsyncIterable<unknown>, abort: AbortController): Promise<Record<string, any>> {
  let seen = 0;
  // The SDK ends the iteration (or throws, depending on timing) once its own signal aborts.
  await (async () => {
    for await (const _ of stream) if (++seen === 5) abort.abort();
  })().catch(() => undefined);
  expect(seen).toBeLessThan(100);
  await settled(t);
  const row = (await t.api('GET', `/budgets/${budget}/usage`)).body.items[0];
  expect(row).toMatchObject({ status: 'aborted', estimated: true });
  return row;
}
