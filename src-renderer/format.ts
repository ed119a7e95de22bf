/** How the dashboard writes money, tokens and times: cents always, local time always. */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US');

/** `$12.34`; amounts above zero that round to nothing show as `<$0.01` so spend never looks free. */
export function money(dollars: number | null | undefined): string {
  if (dollars === null || dollars === undefined) return '—';
  if (dollars > 0 && dollars < 0.005) return '<$0.01';
  return usd.format(dollars);
}

/** Prices per million tokens keep their own precision ($0.08, $3.75). */
export function price(dollars: number): string {
  return `$${dollars.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}

export function tokens(count: number): string {
  return count < 10_000 ? whole.format(count) : compact.format(count);
}

export function count(value: number): string {
  return whole.format(value);
}

export function dateTime(iso: string | number): string {
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function timeOfDay(iso: string | number): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "14:05" when it is today, "Nov 26, 00:00" otherwise. */
export function when(iso: string | number): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? timeOfDay(iso) : dateTime(iso);
}

export function percent(value: number): string {
  return `${Math.round(value)}%`;
}

export const PERIOD_LABELS: Record<string, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', total: 'No reset' };
