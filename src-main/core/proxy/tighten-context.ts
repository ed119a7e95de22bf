/** What adapters may use to tighten a loose worst case: the money left, and the provider's token counter. */
import type { IncomingHttpHeaders } from 'node:http';
import { available } from '../ledger/cost-plan.js';
import { DEFAULT_BUDGET_NAME } from '../store/settings-defaults.js';
import type { ProxyDeps } from './deps.js';
import { upstreamRequestHeaders } from './headers.js';
import type { ProxyTarget } from './route.js';

/** A read before admission, to decide whether tightening is worth a call; admission re-checks atomically. */
export async function roomFor(deps: ProxyDeps, budgetRef: string | null, now: number): Promise<number> {
  const budget = await deps.store.budgets.get(budgetRef ?? DEFAULT_BUDGET_NAME, now);
  return budget ? available(budget) : Number.POSITIVE_INFINITY;
}

const COUNT_TIMEOUT_MS = 10_000;

export async function countTokensUpstream(deps: ProxyDeps, target: ProxyTarget, headers: IncomingHttpHeaders, body: Record<string, unknown>): Promise<number | null> {
  const upstream = deps.upstreams[target.adapter.provider];
  if (!target.adapter.countTokensPath) return null;
  try {
    const response = await upstream.dispatcher.request({
      origin: upstream.origin,
      path: `${upstream.basePath}${target.adapter.countTokensPath}`,
      method: 'POST',
      // The client's own credentials; its `accept` may ask for a stream (Codex), but a count is JSON.
      headers: { ...upstreamRequestHeaders(headers), 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      headersTimeout: COUNT_TIMEOUT_MS,
      bodyTimeout: COUNT_TIMEOUT_MS,
    });
    const answer = (await response.body.json()) as { input_tokens?: unknown };
    return response.statusCode === 200 && typeof answer.input_tokens === 'number' ? answer.input_tokens : null;
  } catch {
    return null;
  }
}
