import { describe, expect, it } from 'vitest';
import { dollarsToMicros, formatDollars, picosToMicros } from '../../src-main/core/money.js';
import { decideAdmission, worstCase } from '../../src-main/core/ledger/cost-plan.js';

describe('money at the edges', () => {
  it('formats cents, thousands and sub-cent amounts', () => {
    expect(formatDollars(12_400_000)).toBe('$12.40');
    expect(formatDollars(1_234_567_890)).toBe('$1,234.57');
    expect(formatDollars(4_000)).toBe('<$0.01');
    expect(formatDollars(0)).toBe('$0.00');
  });

  it('converts dollars to exact micro-dollars and rounds picos up', () => {
    expect(dollarsToMicros(0.1 + 0.2)).toBe(300_000);
    expect(picosToMicros(1)).toBe(1);
    expect(picosToMicros(2_000_000)).toBe(2);
  });
});

describe('admission decisions', () => {
  const plan = { fixed_micros: 1_000, output_picos_per_token: 15_000_000, max_output_tokens: 4_000, min_output_tokens: 1_024 };

  it('reserves the worst case when it fits', () => {
    expect(worstCase(plan)).toBe(61_000);
    expect(decideAdmission(plan, 61_000, false)).toEqual({ reserve: 61_000, clampedTo: null });
  });

  it('refuses when it does not fit and clamping is off', () => {
    expect(decideAdmission(plan, 60_999, false)).toBeNull();
  });

  it('clamps to the output the money covers, never below the useful minimum', () => {
    expect(decideAdmission(plan, 31_000, true)).toEqual({ reserve: 31_000, clampedTo: 2_000 });
    expect(decideAdmission(plan, 16_000, true)).toBeNull();
  });
});
