import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstCase } from '../../src-main/core/ledger/cost-plan.js';
import { costMicros } from '../../src-main/core/pricing/cost.js';
import { ANTHROPIC_PRICES } from '../../src-main/core/pricing/seed-anthropic.js';
import { parseAnthropicRequest, type AnthropicRequest } from '../../src-main/core/providers/anthropic/request.js';
import {
  ANTHROPIC_TOOL_DEFINITION_TOKENS,
  anthropicCostPlan,
  DOCUMENT_MAX_TOKENS,
  IMAGE_MAX_TOKENS,
  inputTokenBound,
  TOOL_USE_SYSTEM_PROMPT_TOKENS,
  WEB_SEARCH_RESULT_TOKENS,
  type InputBound,
} from '../../src-main/core/providers/anthropic/worst-case.js';

const priceOf = (model: string) => ANTHROPIC_PRICES.find((p) => p.model === model)!;
const request = (body: Record<string, unknown>): AnthropicRequest =>
  parseAnthropicRequest(Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 4096, ...body })));
const ask = (content: unknown) => ({ messages: [{ role: 'user', content }] });
const png = 'iVBORw0KGgo'.repeat(300);

describe('inputTokenBound', () => {
  it('bounds text by the bytes of the body, multi-byte characters included', () => {
    const req = request(ask('Grüße, 世界! Summarise this.'));
    expect(inputTokenBound(req)).toEqual({ tokens: req.body_bytes, cacheWrite: null, externalContent: false });
  });

  it('counts an image at its largest size instead of its base64 bytes', () => {
    const req = request(ask([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }, { type: 'text', text: 'What is this?' }]));
    expect(inputTokenBound(req).tokens).toBe(req.body_bytes - png.length + IMAGE_MAX_TOKENS);
  });

  it('gives PDFs the per-page allowance and flags content the body only points at', () => {
    const req = request(
      ask([
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: png } },
        { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
        { type: 'image', source: { type: 'file', file_id: 'file_011' } },
      ]),
    );
    expect(inputTokenBound(req)).toEqual({
      tokens: req.body_bytes - png.length + 2 * DOCUMENT_MAX_TOKENS + IMAGE_MAX_TOKENS,
      cacheWrite: null,
      externalContent: true,
    });
  });

  it('counts plain-text documents by their bytes alone', () => {
    const req = request(ask([{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'The grass is green.' } }]));
    expect(inputTokenBound(req).tokens).toBe(req.body_bytes);
  });

  it('finds images nested in tool results', () => {
    const nested = [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }] }];
    const req = request(ask(nested));
    expect(inputTokenBound(req).tokens).toBe(req.body_bytes - png.length + IMAGE_MAX_TOKENS);
  });

  it('adds the hidden tool-use prompt, and hidden definitions for Anthropic-defined tools', () => {
    const custom = { name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: {} } };
    const withCustom = request({ ...ask('Hi'), tools: [custom] });
    expect(inputTokenBound(withCustom).tokens).toBe(withCustom.body_bytes + TOOL_USE_SYSTEM_PROMPT_TOKENS);
    const withBash = request({ ...ask('Hi'), tools: [custom, { type: 'bash_20250124', name: 'bash' }] });
    expect(inputTokenBound(withBash).tokens).toBe(withBash.body_bytes + TOOL_USE_SYSTEM_PROMPT_TOKENS + ANTHROPIC_TOOL_DEFINITION_TOKENS);
  });

  it('reports the dearest cache marker anywhere in the body', () => {
    const text = (cache_control?: unknown) => ({ type: 'text', text: 'Long context', cache_control });
    expect(inputTokenBound(request(ask([text({ type: 'ephemeral' })]))).cacheWrite).toBe('5m');
    expect(inputTokenBound(request(ask([text({ type: 'ephemeral', ttl: '5m' })]))).cacheWrite).toBe('5m');
    expect(inputTokenBound(request({ system: [text({ type: 'ephemeral', ttl: '1h' })], ...ask([text({ type: 'ephemeral' })]) })).cacheWrite).toBe('1h');
    expect(inputTokenBound(request({ ...ask('Hi'), cache_control: { type: 'ephemeral' } })).cacheWrite).toBe('5m');
  });

  it('flags remote MCP servers as external content', () => {
    expect(inputTokenBound(request({ ...ask('Hi'), mcp_servers: [{ type: 'url', url: 'https://mcp.example.com', name: 'x' }] })).externalContent).toBe(true);
  });
});

describe('anthropicCostPlan', () => {
  const bound = (tokens: number, cacheWrite: InputBound['cacheWrite'] = null): InputBound => ({ tokens, cacheWrite, externalContent: false });

  it('prices input at the input rate and output at max_tokens', () => {
    // 1,000 tokens × $3 per million = 3,000 micro-dollars; output $15 per million = 15,000,000 pico-dollars a token.
    const plan = anthropicCostPlan(request(ask('Hi')), priceOf('claude-sonnet-4-6'), bound(1_000));
    expect(plan).toEqual({ fixed_micros: 3_000, output_picos_per_token: 15_000_000, max_output_tokens: 4096, min_output_tokens: 1024 });
    // 3,000 + 4,096 × $15 per million (61,440) micro-dollars.
    expect(worstCase(plan)).toBe(64_440);
  });

  it('prices input at the cache-write rate the markers allow', () => {
    expect(anthropicCostPlan(request(ask('Hi')), priceOf('claude-sonnet-4-6'), bound(1_000, '5m')).fixed_micros).toBe(3_750);
    expect(anthropicCostPlan(request(ask('Hi')), priceOf('claude-sonnet-4-6'), bound(1_000, '1h')).fixed_micros).toBe(6_000);
  });

  it('uses long-context rates past 200K tokens on models that have them', () => {
    // 250,000 × $6 = 1,500,000 and $22.50 out on Sonnet 4.5; 250,000 × $3 and $15 on the flat Sonnet 4.6.
    const long = anthropicCostPlan(request(ask('Hi')), priceOf('claude-sonnet-4-5'), bound(250_000));
    expect([long.fixed_micros, long.output_picos_per_token]).toEqual([1_500_000, 22_500_000]);
    const flat = anthropicCostPlan(request(ask('Hi')), priceOf('claude-sonnet-4-6'), bound(250_000));
    expect([flat.fixed_micros, flat.output_picos_per_token]).toEqual([750_000, 15_000_000]);
  });

  it('keeps room for the thinking budget when clamping', () => {
    const thinking = request({ ...ask('Hi'), max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 2000 } });
    expect(anthropicCostPlan(thinking, priceOf('claude-sonnet-4-6'), bound(10)).min_output_tokens).toBe(3024);
    const small = request({ ...ask('Hi'), max_tokens: 300 });
    expect(anthropicCostPlan(small, priceOf('claude-sonnet-4-6'), bound(10)).min_output_tokens).toBe(300);
  });

  it('adds web-search fees and the server loop that re-reads the prompt and results', () => {
    // 2 searches: up to 3 sampling steps, each reading 1,000 + 2 × 10,000 tokens = 63,000 tokens,
    // cached by the server loop at the 5-minute write rate ($3.75): 236,250; plus 2 × $0.01.
    const req = request({ ...ask('News?'), tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }] });
    expect(WEB_SEARCH_RESULT_TOKENS).toBe(10_000);
    expect(anthropicCostPlan(req, priceOf('claude-sonnet-4-6'), bound(1_000)).fixed_micros).toBe(256_250);
  });

  it('is never below the cost of any usage the request allows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ANTHROPIC_PRICES),
        fc.integer({ min: 1, max: 600_000 }),
        fc.constantFrom<InputBound['cacheWrite']>(null, '5m', '1h'),
        fc.integer({ min: 1, max: 128_000 }),
        fc.nat({ max: 5 }),
        fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat({ max: 128_000 }), fc.nat({ max: 5 })),
        (price, tokens, cacheWrite, maxTokens, maxUses, [a, b, c, d, out, searches]) => {
          const tools = maxUses > 0 ? [{ type: 'web_search_20250305', name: 'web_search', max_uses: maxUses }] : undefined;
          const req = request({ ...ask('Hi'), max_tokens: maxTokens, tools });
          const plan = anthropicCostPlan(req, price, bound(tokens, cacheWrite));
          // Split the allowed input among the kinds the markers permit.
          const total = (maxUses + 1) * (tokens + maxUses * WEB_SEARCH_RESULT_TOKENS);
          const weights = [a, cacheWrite || maxUses > 0 ? b : 0, cacheWrite === '1h' ? c : 0, d];
          const sum = weights.reduce((x, y) => x + y, 0) || 1;
          const [input, write5m, write1h, read] = weights.map((w) => Math.floor((w * total) / sum));
          const usage = {
            input_tokens: input,
            cache_write_5m_tokens: write5m,
            cache_write_1h_tokens: write1h,
            cache_read_input_tokens: read,
            output_tokens: Math.min(out, maxTokens),
            web_search_requests: Math.min(searches, maxUses),
          };
          expect(worstCase(plan)).toBeGreaterThanOrEqual(costMicros(usage, price));
        },
      ),
    );
  });
});
