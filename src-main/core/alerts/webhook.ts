/**
 * Webhook delivery: a JSON POST with a timeout and a few retries with backoff; each attempt's
 * result is returned so it can be recorded and shown next to the alert.
 */
import { request } from 'undici';
import type { DeliveryRow } from '../store/types.js';

export interface WebhookOptions {
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { timeoutMs: 5_000, attempts: 3, backoffMs: 1_000 };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliverWebhook(
  url: string,
  event: DeliveryRow['event'],
  payload: unknown,
  options: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS,
): Promise<DeliveryRow[]> {
  const results: DeliveryRow[] = [];
  const body = JSON.stringify(payload);
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    const attempted_at = Date.now();
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'agent-budget-webhook' },
        body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      await response.body.dump();
      results.push({ event, status_code: response.statusCode, error: null, attempted_at });
      // 4xx other than 429 will not get better by asking again.
      if (response.statusCode < 500 && response.statusCode !== 429) return results;
    } catch (error) {
      results.push({ event, status_code: null, error: (error as Error).message.slice(0, 200), attempted_at });
    }
    if (attempt < options.attempts) await wait(options.backoffMs * 2 ** (attempt - 1));
  }
  return results;
}

export function delivered(results: DeliveryRow[]): boolean {
  const last = results.at(-1);
  return last !== undefined && last.status_code !== null && last.status_code < 300;
}
