/** Arithmetic on a CostPlan, shared by every store so that admission means the same everywhere. */
import type { Micros } from '../money.js';
import type { CostPlan } from './types.js';

/** The smallest output worth clamping a request's limit to (above any thinking budget): a shorter answer is rarely of use. */
export const MIN_USEFUL_OUTPUT_TOKENS = 1_024;

export function outputMicros(plan: CostPlan, tokens: number): Micros {
  return Math.ceil((tokens * plan.output_picos_per_token) / 1_000_000);
}

export function worstCase(plan: CostPlan): Micros {
  return plan.fixed_micros + outputMicros(plan, plan.max_output_tokens);
}

export type Admission = { reserve: Micros; clampedTo: number | null } | null;

/**
 * Decides what to reserve given what the budget can still cover: the worst case if it fits, or,
 * when clamping is allowed, the largest output the money covers if that is still a useful answer.
 */
export function decideAdmission(plan: CostPlan, available: number, clampAllowed: boolean): Admission {
  const worst = worstCase(plan);
  if (worst <= available) return { reserve: worst, clampedTo: null };
  if (!clampAllowed || plan.min_output_tokens === null || plan.output_picos_per_token <= 0) return null;
  const tokens = Math.floor(((available - plan.fixed_micros) * 1_000_000) / plan.output_picos_per_token);
  if (tokens < plan.min_output_tokens) return null;
  return { reserve: plan.fixed_micros + outputMicros(plan, tokens), clampedTo: tokens };
}

/** Money a capped row can still promise; Infinity when uncapped. */
export function available(row: { max_micros: Micros | null; spent_micros: Micros; reserved_micros: Micros }): number {
  return row.max_micros === null ? Number.POSITIVE_INFINITY : row.max_micros - row.spent_micros - row.reserved_micros;
}
