/** What adapters may use to tighten a loose worst case: the money left, and the provider's token counter. */
import type { IncomingHttpHeaders } from 'node:http';
import { available } from '../ledger/cost-plan.js';
import { DEFAULT_BUDGET_NAME } from '../store/settings-defaults.js';
import { inputTokensOf, type TokenCounter } from '../providers/types.js';
import type { ProxyDeps } from './deps.js';
import { upstreamRequestHeaders } from './headers.js';
import type { ProxyTarget } from './route.js';

/** A read before admission, to decide whether tightening is worth a call; admission re-checks atomically. */
export async function roomFor(deps: ProxyDeps, budgetRef: string | null, now: number): Promise<{ room: number; clamp: boolean }> {
  const budget = await deps.store.budgets.get(budgetRef ?? DEFAULT_BUDGET_NAME, now);
  return budget ? { room: available(budget), clamp: budget.clamp_max_tokens } : { room: Number.POSITIVE_INFINITY, clamp: false };
}

const COUNT_TIMEOUT_MS = 10_000;

const ANTHROPIC_COUNTER: TokenCounter = {
  path: () => '/v1/messages/count_tokens',
  tokens: inputTokensOf,
};

export async function countTokensUpstream(deps: ProxyDeps, target: ProxyTarget, headers: IncomingHttpHeaders, body: Record<string, unknown>): Promise<number | null> {
  const upstream = deps.upstreams[target.adapter.provider];
  const counter = target.adapter.counter ?? ANTHROPIC_COUNTER;
  try {
    const response = await upstream.dispatcher.request({
      origin: upstream.origin,
      path: upstream.basePath + counter.path(target.upstreamPath),
      method: 'POST',
      // The client's own credentials; its `accept` may ask for a stream (Codex), but a count is JSON.
      headers: { ...upstreamRequestHeaders(headers), 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      headersTimeout: COUNT_TIMEOUT_MS,
      bodyTimeout: COUNT_TIMEOUT_MS,
    });
    const answer: unknown = await response.body.json();
    return response.statusCode === 200 ? counter.tokens(answer) : null;
  } catch {
    return null;
  }
}
