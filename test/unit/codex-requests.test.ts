/** How the OpenAI adapter treats Codex CLI's requests: worst case, refusal shape, output ceiling, hosted-tool bound. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/core/errors.js';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import { OPENAI_PRICES } from '../../src-main/core/pricing/seed-openai.js';
import { openaiAdapter } from '../../src-main/core/providers/openai/adapter.js';
import { isCodexClient } from '../../src-main/core/providers/openai/codex-client.js';
import { parseOpenAIRequest } from '../../src-main/core/providers/openai/request.js';
import type { TightenContext } from '../../src-main/core/providers/types.js';

const SOL = OPENAI_PRICES.find((p) => p.model === 'gpt-6.1-sol')!;
const CODEX_HEADERS = { originator: 'codex_exec', 'user-agent': 'codex_exec/0.169.0 (Debian 12.0.0; x86_64) unknown (codex_exec; 0.169.0)', 'session-id': 's-1' };
const SDK_HEADERS = { 'user-agent': 'OpenAI/JS 6.30.1' };

/** A Codex-shaped body: tools inside the input as `additional_tools`, no output limit. */
function codexBody(size: number, hostedTool = false): Record<string, unknown> {
  const tools = [{ type: 'namespace', name: 'functions', tools: [{ type: 'function', name: 'exec' }] }, ...(hostedTool ? [{ type: 'web_search' }] : [])];
  return {
    model: 'gpt-6.1-sol',
    stream: true,
    input: [{ type: 'additional_tools', role: 'developer', tools }, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'x'.repeat(size) }] }],
    reasoning: { effort: 'low' },
    store: false,
    prompt_cache_key: 's-1',
  };
}

const parse = (body: unknown) => parseOpenAIRequest(Buffer.from(JSON.stringify(body)), '/responses');

function context(room: number, headers: Record<string, string>, counted: number | null = null): TightenContext & { counts: number } {
  const ctx = { room, clamp: false, headers, counts: 0, countTokens: async () => (ctx.counts++, counted) };
  return ctx;
}

describe('Codex requests', () => {
  it('recognises Codex by its originator or user agent, and nothing else', () => {
    expect(isCodexClient(CODEX_HEADERS)).toBe(true);
    expect(isCodexClient({ 'user-agent': 'codex_cli_rs/0.169.0' })).toBe(true);
    expect(isCodexClient(SDK_HEADERS)).toBe(false);
    expect(isCodexClient({ originator: 'my_script', 'user-agent': 'codex_exec/1' })).toBe(false);
  });

  it('gpt-6.1-sol input is priced at its cache-write rate in the worst case, and at long-context rates past 272K', () => {
    const small = parse(codexBody(50_000));
    const plan = openaiAdapter.plan(small, SOL);
    // $2.50 cache writes are the dearest input; 128K output at $10.
    expect(plan.fixed_micros).toBe(Math.ceil((small.body_bytes * 2_500_000) / 1_000_000));
    expect(worstCase(plan)).toBe(plan.fixed_micros + 1_280_000);
    const long = parse(codexBody(300_000));
    const longPlan = openaiAdapter.plan(long, SOL);
    expect(longPlan.fixed_micros).toBe(Math.ceil((long.body_bytes * 5_000_000) / 1_000_000));
    expect(longPlan.output_picos_per_token).toBe(15_000_000);
  });

  it('counts hosted tools Codex sends inside its input', () => {
    const without = openaiAdapter.plan(parse(codexBody(1_000)), SOL);
    const withSearch = openaiAdapter.plan(parse(codexBody(1_000, true)), SOL);
    // Ten searches by default: each may re-read the prompt and adds 10,000 tokens of results plus its $0.01 fee.
    expect(withSearch.fixed_micros).toBeGreaterThan(without.fixed_micros * 11 + 10 * 10_000);
  });

  it('a refusal is a plain-text 400 for Codex (which stops at once and prints it) and stays a JSON 402 for the SDKs', () => {
    const refusal = new AppError('budget_exceeded', "Budget 'b' cannot cover this request");
    const codex = openaiAdapter.renderError(refusal, CODEX_HEADERS);
    expect(codex).toMatchObject({ status: 400, body: "agent-budget: Budget 'b' cannot cover this request" });
    expect(codex.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-should-retry': 'false' });
    const sdk = openaiAdapter.renderError(refusal, SDK_HEADERS);
    expect(sdk.status).toBe(402);
    expect(JSON.parse(sdk.body)).toMatchObject({ error: { type: 'budget_exceeded', message: "Budget 'b' cannot cover this request" } });
    // Retryable errors keep their status, so Codex retries them as it should.
    expect(openaiAdapter.renderError(new AppError('upstream_unreachable', 'down'), CODEX_HEADERS).status).toBe(502);
  });

  it('near the end of a budget, Codex gets an output ceiling that fits the money left, set upstream and announced', async () => {
    const request = parse(codexBody(40_000));
    const loose = openaiAdapter.plan(request, SOL);
    const ctx = context(300_000, CODEX_HEADERS, 10_000);
    const plan = await openaiAdapter.tighten!(request, loose, SOL, ctx);
    // 10,000 counted tokens + 10% + 100 at $2.50 = $0.02775; $0.30 leaves 27,225 output tokens at $10.
    expect(plan.fixed_micros).toBe(27_750);
    expect(plan.max_output_tokens).toBe(27_225);
    expect(worstCase(plan)).toBeLessThanOrEqual(300_000);
    const sent = JSON.parse(openaiAdapter.upstreamBody(request, Buffer.from(JSON.stringify(request.body)), null).toString());
    expect(sent.max_output_tokens).toBe(27_225);
    expect(openaiAdapter.noticeHeaders!(request)).toEqual({ 'x-agent-budget-output-ceiling': 'max_output_tokens set to 27225 to fit the budget' });
  });

  it('leaves the output limit alone while the money covers it, and for the SDKs always', async () => {
    const roomy = parse(codexBody(40_000));
    const plan = await openaiAdapter.tighten!(roomy, openaiAdapter.plan(roomy, SOL), SOL, context(3_000_000, CODEX_HEADERS, 10_000));
    expect(plan.max_output_tokens).toBe(128_000);
    expect(roomy.output_ceiling).toBeNull();
    const sdk = parse(codexBody(40_000));
    const sdkPlan = await openaiAdapter.tighten!(sdk, openaiAdapter.plan(sdk, SOL), SOL, context(300_000, SDK_HEADERS, 10_000));
    expect(sdkPlan.max_output_tokens).toBe(128_000);
    expect(sdk.output_ceiling).toBeNull();
    // The SDK request's input was still counted: the reservation is tighter, the request unchanged.
    expect(sdkPlan.fixed_micros).toBe(27_750);
  });

  it('bounds Codex hosted tools with max_tool_calls when it sets none', async () => {
    const request = parse(codexBody(1_000, true));
    const loose = openaiAdapter.plan(request, SOL);
    const plan = await openaiAdapter.tighten!(request, loose, SOL, context(1_000_000, CODEX_HEADERS, null));
    expect(request.tool_call_ceiling).toBe(3);
    expect(plan.fixed_micros).toBeLessThan(loose.fixed_micros);
    const sent = JSON.parse(openaiAdapter.upstreamBody(request, Buffer.from('{}'), null).toString());
    expect(sent.max_tool_calls).toBe(3);
  });

  it('a Codex stream cut before its usage is settled with all the reasoning it was allowed, and names its response id', () => {
    const request = parse(codexBody(1_000));
    const ids: string[] = [];
    const tracker = openaiAdapter.streamTracker(request, { price: SOL, maxOutputTokens: 128_000, onResponseId: (id) => ids.push(id) });
    tracker.transform(Buffer.from('event: response.created\ndata: {"type":"response.created","response":{"id":"resp_9","status":"in_progress"}}\n\n'));
    expect(ids).toEqual(['resp_9']);
    expect(tracker.partialUsage().output_tokens).toBe(128_000);
  });

  it('reuses a counted conversation prefix: the next turn needs no new count', async () => {
    const first = codexBody(30_000);
    const ctx = context(100_000, CODEX_HEADERS, 8_000);
    const a = parse(first);
    await openaiAdapter.tighten!(a, openaiAdapter.plan(a, SOL), SOL, ctx);
    const next = { ...first, input: [...(first.input as unknown[]), { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] }] };
    const b = parse(next);
    const plan = await openaiAdapter.tighten!(b, openaiAdapter.plan(b, SOL), SOL, ctx);
    expect(ctx.counts).toBe(1);
    expect(plan.fixed_micros).toBeLessThan(openaiAdapter.plan(b, SOL).fixed_micros);
  });
});
