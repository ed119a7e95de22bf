import type { LogRequest } from './adapter.js';

/**
 * One entry per request: an agent may write a request several times (Claude Code writes a message
 * while it streams, earlier copies carrying partial output, and a resumed session repeats earlier
 * messages), so the copy with the most output wins.
 */
export function latestCopies(requests: LogRequest[]): LogRequest[] {
  const best = new Map<string, LogRequest>();
  for (const request of requests) {
    const seen = best.get(request.requestKey);
    if (!seen || request.usage.output_tokens > seen.usage.output_tokens) best.set(request.requestKey, request);
  }
  return [...best.values()];
}
