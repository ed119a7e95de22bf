/**
 * Sends an admitted request upstream and relays the answer byte for byte, writing each chunk to
 * the client before reading usage from it. Whatever happens, the reservation is settled once:
 * real usage when known, the worst case when the provider may have billed, nothing when it can't.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors.js';
import type { SettleOutcome } from '../ledger/types.js';
import { costMicros } from '../pricing/cost.js';
import type { StreamTracker } from '../providers/types.js';
import { ZERO_USAGE, type Usage } from '../usage.js';
import type { ProxyDeps } from './deps.js';
import { AS_IS, type ClientCopy, exchange } from './exchange.js';
import { clientResponseHeaders, firstHeader, upstreamRequestHeaders } from './headers.js';
import type { Admitted } from './metered.js';
import type { ProxyTarget } from './route.js';
import { isTimeout, neverReachedUpstream } from './upstream.js';

type Outcome = Omit<SettleOutcome, 'now' | 'request_id'>;

export async function relay(req: IncomingMessage, res: ServerResponse, target: ProxyTarget, deps: ProxyDeps, job: Admitted, extraHeaders: Record<string, string>): Promise<void> {
  const { adapter } = target;
  const upstream = deps.upstreams[adapter.provider];
  const reserved = job.admission.reserved_micros;
  const priced = (usage: Usage, estimated: boolean, status: Outcome['status']): Outcome => {
    const cost = costMicros(usage, job.price.price);
    // An estimate never exceeds what was reserved; real usage is recorded as the provider reports it.
    return { status, usage, cost_micros: estimated ? Math.min(cost, reserved) : cost, estimated };
  };
  const atWorst = (status: Outcome['status']): Outcome => ({ status, usage: ZERO_USAGE, cost_micros: reserved, estimated: true });
  let requestId: string | null = null;
  // The id a stream gives its answer (OpenAI Responses: `resp_…`), which agents' logs record: when known, it is the row's request id.
  let responseId: string | null = null;
  const onResponseId = (id: string) => {
    responseId = id;
    deps.inFlightRequestIds.add(id);
  };
  const settle = (outcome: Outcome) => {
    const recordedId = (!outcome.estimated && outcome.status === 'ok' && adapter.settledRequestKey?.(job.request, outcome.usage)) || responseId || requestId;
    deps.logger.debug({ reservation: job.admission.reservation_id, model: job.request.model, status: outcome.status, cost_micros: outcome.cost_micros, estimated: outcome.estimated, request_id: recordedId }, 'settled');
    // Object.assign, not spread, on the request path: see bench/README.md, "Objects that outlived their request".
    // A key known only now is held until it is recorded, so a log import reading the same answer meanwhile leaves it to the proxy.
    if (recordedId && recordedId !== requestId) deps.inFlightRequestIds.add(recordedId);
    const recorded = deps.spend.settle(job.admission.reservation_id, Object.assign({ request_id: recordedId, now: deps.now() }, outcome));
    for (const id of new Set([requestId, responseId, recordedId])) if (id) void recorded.finally(() => deps.inFlightRequestIds.delete(id));
  };

  // Set in the head callback; the cast keeps TypeScript from narrowing it to null for good.
  let tracker = null as StreamTracker | null;
  const jsonChunks: Buffer[] = [];
  const end = await exchange(
    upstream,
    { path: target.upstreamPath, method: 'POST', headers: upstreamRequestHeaders(req.headers), body: adapter.upstreamBody(job.request, job.raw, job.admission.clamped_max_tokens) },
    res,
    (statusCode, headers) => {
      requestId = firstHeader(headers[adapter.requestIdHeader]) ?? null;
      if (requestId) deps.inFlightRequestIds.add(requestId);
      const isStream = String(headers['content-type'] ?? '').startsWith('text/event-stream');
      res.writeHead(statusCode, Object.assign(clientResponseHeaders(headers, !isStream), extraHeaders));
      if (statusCode >= 400) return AS_IS;
      // Gemini streams without `alt=sse` as one JSON array sent piece by piece: still a stream to follow.
      const maxOutputTokens = job.admission.clamped_max_tokens ?? job.plan.max_output_tokens;
      tracker = isStream || job.request.stream ? adapter.streamTracker(job.request, { price: job.price.price, maxOutputTokens, onResponseId }) : null;
      return tracker ?? collecting(jsonChunks);
    },
  );

  if (!end.answered) {
    // The client left before any answer: the provider may have read the prompt, so bill the input bound.
    if (end.clientLeft) return settle({ status: 'aborted', usage: ZERO_USAGE, cost_micros: Math.min(job.plan.fixed_micros, reserved), estimated: true });
    if (neverReachedUpstream(end.error)) {
      settle({ status: 'error', usage: ZERO_USAGE, cost_micros: 0, estimated: false });
      throw new AppError('upstream_unreachable', `agent-budget could not connect to ${upstream.origin}.`);
    }
    settle(atWorst('error'));
    if (isTimeout(end.error)) throw new AppError('upstream_timeout', `${upstream.origin} sent nothing for ${deps.config.upstreamTimeoutS} s.`);
    throw new AppError('upstream_unreachable', `The connection to ${upstream.origin} failed before it answered.`);
  }
  if (end.statusCode >= 400) return settle({ status: 'error', usage: ZERO_USAGE, cost_micros: 0, estimated: false });
  if (end.body === 'client_left') return settle(priced(tracker ? tracker.partialUsage() : ZERO_USAGE, true, 'aborted'));
  if (end.body === 'upstream_cut') return settle(atWorst('error'));
  const usage = tracker ? tracker.finalUsage() : adapter.usageFromJson(parseJson(jsonChunks), job.request);
  // A body the provider finished but whose usage cannot be read may still have been billed in full.
  settle(usage ? priced(usage, false, 'ok') : atWorst('ok'));
}

/** A JSON answer goes to the client as it arrives and is kept whole, to read its usage at the end. */
function collecting(chunks: Buffer[]): ClientCopy {
  return {
    transform: (chunk) => {
      chunks.push(chunk);
      return chunk;
    },
    flush: AS_IS.flush,
  };
}

function parseJson(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
