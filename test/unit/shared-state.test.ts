/** The team-mode refresh loop: every bound it re-reads, and a database outage is logged once, not every two seconds. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src-main/core/logger.js';
import { watchSharedState } from '../../src-main/core/shared-state.js';
import { SHARED_STATE_TTL_MS } from '../../src-main/core/store/store.js';

afterEach(() => vi.useRealTimers());

describe('watchSharedState', () => {
  it('refreshes once per bound, and says once that it failed and once that it recovered', async () => {
    vi.useFakeTimers();
    const logged = { warn: 0, info: 0 };
    const logger = { warn: () => logged.warn++, info: () => logged.info++ } as unknown as Logger;
    const outcomes = ['ok', 'fail', 'fail', 'fail', 'ok', 'ok'];
    let calls = 0;
    const watch = watchSharedState(async () => {
      if (outcomes[calls++] === 'fail') throw new Error('connection refused');
    }, logger);
    await vi.advanceTimersByTimeAsync(SHARED_STATE_TTL_MS - 1);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1 + 5 * SHARED_STATE_TTL_MS);
    expect(calls).toBe(6);
    expect(logged).toEqual({ warn: 1, info: 1 });
    watch.stop();
    await vi.advanceTimersByTimeAsync(10 * SHARED_STATE_TTL_MS);
    expect(calls).toBe(6);
  });
});
