/**
 * Anthropic's 5-hour usage windows for subscription plans: a window opens with the first request
 * after the previous one closed (at the start of that hour, as Anthropic counts it) and closes five
 * hours later. Cost is at API rates: what the same work would have cost on an API key.
 */

/** Requests in one clock hour (the agent rollup's hours): a window opens and closes on the hour, so hours place them exactly. */
export interface HourActivity {
  first_at: number;
  last_at: number;
  requests: number;
  cost_micros: number;
  input_tokens: number;
  output_tokens: number;
}

export const WINDOW_MS = 5 * 3_600_000;
const HOUR_MS = 3_600_000;

export interface UsageWindow {
  start: number;
  end: number;
  requests: number;
  cost_micros: number;
  input_tokens: number;
  output_tokens: number;
  last_at: number;
  active: boolean;
}

/** `hours` oldest first. */
export function fiveHourWindows(hours: HourActivity[], now: number): UsageWindow[] {
  const windows: UsageWindow[] = [];
  let current: UsageWindow | null = null;
  for (const hour of hours) {
    if (!current || hour.first_at >= current.end) {
      const start = Math.floor(hour.first_at / HOUR_MS) * HOUR_MS;
      current = { start, end: start + WINDOW_MS, requests: 0, cost_micros: 0, input_tokens: 0, output_tokens: 0, last_at: hour.last_at, active: false };
      windows.push(current);
    }
    current.requests += hour.requests;
    current.cost_micros += hour.cost_micros;
    current.input_tokens += hour.input_tokens;
    current.output_tokens += hour.output_tokens;
    current.last_at = hour.last_at;
  }
  for (const window of windows) window.active = now >= window.start && now < window.end;
  return windows;
}
