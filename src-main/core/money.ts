/**
 * Money is kept as integer micro-dollars (1 USD = 1,000,000) everywhere in the store and in
 * arithmetic; dollars appear only at the edges (API JSON, messages, the tray).
 * Prices are integer micro-dollars per million tokens, so tokens × rate is an exact integer in
 * pico-dollars, rounded up to whole micro-dollars once per request.
 */
export type Micros = number;

export const MICROS_PER_DOLLAR = 1_000_000;

export function dollarsToMicros(dollars: number): Micros {
  return Math.round(dollars * MICROS_PER_DOLLAR);
}

export function microsToDollars(micros: Micros): number {
  return micros / MICROS_PER_DOLLAR;
}

/** tokens × (micro-dollars per million tokens), rounded up: never under-bill. */
export function picosToMicros(picos: number): Micros {
  return Math.ceil(picos / 1_000_000);
}

/** `$12.40`; amounts under a cent but above zero read `<$0.01`. */
export function formatDollars(micros: Micros): string {
  if (micros > 0 && micros < 10_000) return '<$0.01';
  const cents = Math.round(micros / 10_000);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
