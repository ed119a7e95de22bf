import { describe, expect, it } from 'vitest';
import { currentPeriod, periodEnd, periodStart } from '../../src-main/core/period.js';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

describe('calendar periods in the budget time zone', () => {
  it('a daily budget resets at local midnight, not UTC midnight', () => {
    // 23:30 UTC on the 23rd is 08:30 on the 24th in Tokyo and 18:30 on the 23rd in New York.
    const now = at('2026-11-23T23:30:00Z');
    expect(iso(periodStart('daily', 'Asia/Tokyo', now))).toBe('2026-11-23T15:00:00.000Z');
    expect(iso(periodStart('daily', 'America/New_York', now))).toBe('2026-11-23T05:00:00.000Z');
    expect(iso(periodEnd('daily', 'America/New_York', at('2026-11-23T05:00:00Z')))).toBe('2026-11-24T05:00:00.000Z');
  });

  it('weeks start on Monday and months on the 1st, in the zone', () => {
    const now = at('2026-11-25T12:00:00Z'); // a Wednesday
    expect(iso(periodStart('weekly', 'Europe/Berlin', now))).toBe('2026-11-22T23:00:00.000Z');
    expect(iso(periodStart('monthly', 'Europe/Berlin', now))).toBe('2026-10-31T23:00:00.000Z');
    expect(iso(periodEnd('monthly', 'Europe/Berlin', at('2026-10-31T23:00:00Z')))).toBe('2026-11-30T23:00:00.000Z');
  });

  it('handles daylight-saving changes: the spring-forward day is 23 hours long', () => {
    const start = periodStart('daily', 'Europe/Berlin', at('2026-03-29T12:00:00Z'));
    expect(iso(start)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(periodEnd('daily', 'Europe/Berlin', start))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('a total budget has one period that never resets', () => {
    expect(periodStart('total', 'UTC', Date.now())).toBe(0);
    expect(periodEnd('total', 'UTC', 0)).toBeNull();
  });

  it('the cached current period moves on when the period ends', () => {
    const first = currentPeriod('daily', 'UTC', at('2026-11-24T23:59:59Z'));
    const next = currentPeriod('daily', 'UTC', at('2026-11-25T00:00:00Z'));
    expect(iso(first.start)).toBe('2026-11-24T00:00:00.000Z');
    expect(iso(next.start)).toBe('2026-11-25T00:00:00.000Z');
  });
});
