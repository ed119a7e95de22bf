/**
 * Gemini's `usageMetadata`, normalised. `promptTokenCount` includes the cached tokens
 * (`cachedContentTokenCount`); tool results (`toolUsePromptTokenCount`) are billed as input and
 * thoughts (`thoughtsTokenCount`) as output, beside `candidatesTokenCount`.
 */
import { ZERO_USAGE, type Usage } from '../../usage.js';
import { isObject } from '../json-body.js';
import { field } from './request.js';
import { billsPerQuery } from './worst-case.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

export function usageFromMetadata(metadata: unknown): Usage | null {
  if (!isObject(metadata)) return null;
  const prompt = count(field(metadata, 'promptTokenCount')) + count(field(metadata, 'toolUsePromptTokenCount'));
  const cached = Math.min(count(field(metadata, 'cachedContentTokenCount')), prompt);
  const output = count(field(metadata, 'candidatesTokenCount')) + count(field(metadata, 'thoughtsTokenCount'));
  return { ...ZERO_USAGE, input_tokens: prompt - cached, cache_read_input_tokens: cached, output_tokens: output };
}

/**
 * The Gemini CLI logs each answer's usageMetadata but no id the proxy sees, so the proxy and the log
 * import both key a request by its model and token counts: the same answer yields the same key.
 */
export function usageKey(model: string, usage: Usage): string {
  return `gemini:${model}:${usage.input_tokens}:${usage.cache_read_input_tokens}:${usage.output_tokens}`;
}

/** Billable searches a response reports: its search queries, or one grounded prompt on older models. */
export function searchesOf(response: Record<string, unknown>, model: string): number {
  const candidates = field(response, 'candidates');
  if (!Array.isArray(candidates)) return 0;
  let queries = 0;
  let grounded = false;
  for (const candidate of candidates) {
    const grounding = isObject(candidate) ? field(candidate, 'groundingMetadata') : undefined;
    if (!isObject(grounding)) continue;
    const searched = field(grounding, 'webSearchQueries');
    if (Array.isArray(searched) && searched.length > 0) {
      grounded = true;
      queries += searched.length;
    }
  }
  return billsPerQuery(model) ? queries : grounded ? 1 : 0;
}

/** A JSON answer: one GenerateContentResponse, or the JSON-array stream read whole (its last usage is final). */
export function usageFromGeminiJson(body: unknown, model: string): Usage | null {
  const responses = (Array.isArray(body) ? body : [body]).filter(isObject);
  let usage: Usage | null = null;
  let searches = 0;
  for (const response of responses) {
    usage = usageFromMetadata(field(response, 'usageMetadata')) ?? usage;
    searches = Math.max(searches, searchesOf(response, model));
  }
  return usage && { ...usage, web_search_requests: searches };
}
