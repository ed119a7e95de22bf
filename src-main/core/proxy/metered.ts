/**
 * A metered request: read and parse the body once, price its worst case, admit it atomically
 * (or refuse with 402 before anything goes upstream), then relay and settle.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors.js';
import { isStoreUnavailable } from '../store/unavailable.js';
import { available } from '../ledger/cost-plan.js';
import type { AdmitResult, CostPlan } from '../ledger/types.js';
import { microsToDollars } from '../money.js';
import type { ResolvedPrice } from '../pricing/types.js';
import type { ParsedRequest } from '../providers/types.js';
import { authKind } from './auth-kind.js';
import type { ProxyDeps } from './deps.js';
import { firstHeader } from './headers.js';
import { readBody } from './read-body.js';
import { refusalMessage } from './refusal.js';
import { relay } from './relay.js';
import type { ProxyTarget } from './route.js';
import { forwardUnmetered } from './forward.js';
import { countTokensUpstream, roomFor } from './tighten-context.js';

export interface Admitted {
  request: ParsedRequest;
  raw: Buffer;
  price: ResolvedPrice;
  plan: CostPlan;
  admission: Extract<AdmitResult, { ok: true }>;
}

function unknownModel(model: string): AppError {
  return new AppError(
    'invalid_request_error',
    `agent-budget has no price for model '${model}' and cannot infer one from a known model family, so it cannot bound ` +
      "this request's cost. Add the model's prices in the dashboard's Pricing view (or PUT /agent-budget/api/pricing).",
  );
}

/** `x-agent-budget-remaining`: dollars a cap can still promise, on every metered answer (402s included). */
function remainingHeader(cap: { max_micros: number | null; spent_micros: number; reserved_micros: number }): Record<string, string> {
  const left = available(cap);
  return { 'x-agent-budget-remaining': left === Number.POSITIVE_INFINITY ? 'unlimited' : microsToDollars(Math.max(0, left)).toFixed(6) };
}

/** What is left under the limit that refused: the session's cap, the cap that was full, or the budget (paused). */
function refusedRemaining(refusal: Extract<AdmitResult, { ok: false }>): Record<string, string> {
  if (refusal.reason === 'session' && refusal.session) {
    const { used_micros, max_micros } = refusal.session;
    return remainingHeader({ max_micros, spent_micros: used_micros, reserved_micros: 0 });
  }
  return remainingHeader(refusal.reason === 'paused' ? refusal.budget : refusal.cap);
}

export async function handleMetered(req: IncomingMessage, res: ServerResponse, target: ProxyTarget, deps: ProxyDeps): Promise<void> {
  const raw = await readBody(req, deps.config.maxBodyBytes);
  const { adapter } = target;
  const request = adapter.parse(raw, target.path);
  const resolved = deps.prices().resolve(request.model, adapter.provider);
  if (!resolved) throw unknownModel(request.model);
  const price = adapter.priceFor ? { ...resolved, price: adapter.priceFor(request, resolved.price) } : resolved;
  const budgetRef = target.pathBudget ?? firstHeader(req.headers['x-budget-id']) ?? null;
  const now = deps.now();
  let plan = adapter.plan(request, price.price);
  if (adapter.tighten) {
    plan = await adapter.tighten(request, plan, price.price, {
      ...(await roomFor(deps, budgetRef, now)),
      countTokens: (body) => countTokensUpstream(deps, target, req.headers, body),
      headers: req.headers,
    });
  }
  const meta = {
    provider: adapter.provider,
    model: request.model,
    stream: request.stream,
    price_inferred: price.inferred,
    session_id: adapter.sessionId?.(req.headers) ?? firstHeader(req.headers['x-claude-code-session-id']) ?? null,
    auth_kind: authKind(adapter.provider, req.headers),
    project: null,
  };
  const release = deps.limiter.acquire();
  try {
    let admission: AdmitResult;
    try {
      admission = await deps.store.ledger.admit({ budget_ref: budgetRef, plan, meta, now });
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      return await storeFailure(req, res, target, raw, deps, error);
    }
    if (!admission.ok) {
      const message = refusalMessage(admission, now);
      deps.spend.blocked(admission, message);
      throw new AppError('budget_exceeded', message, { headers: refusedRemaining(admission) });
    }
    const headers: Record<string, string> = { ...remainingHeader(admission.budget), ...adapter.noticeHeaders?.(request) };
    if (admission.clamped_max_tokens !== null) {
      headers['x-agent-budget-clamped'] = `max_tokens lowered to ${admission.clamped_max_tokens} to fit the budget`;
    }
    await relay(req, res, target, deps, { request, raw, price, plan, admission }, headers);
  } finally {
    release();
  }
}

/** The ledger could not write (disk full, read-only): refuse unless the user chose to fail open. */
async function storeFailure(req: IncomingMessage, res: ServerResponse, target: ProxyTarget, raw: Buffer, deps: ProxyDeps, error: unknown): Promise<void> {
  deps.logger.error({ err: { code: (error as { code?: string }).code, message: (error as Error).message } }, 'store unavailable during admission');
  const settings = await deps.store.settings.get();
  if (!settings.fail_open) {
    throw new AppError('store_unavailable', 'agent-budget cannot record this request (its database is not writable: is the disk full?), so it refuses to forward it unmetered.');
  }
  await forwardUnmetered(req, res, target, deps, raw);
}
