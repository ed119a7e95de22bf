/**
 * Reads an OpenAI Chat Completions or Responses request body once, checking only what the proxy
 * relies on; anything else is the upstream's to judge. Each refusal names the field and the problem.
 */
import { invalidField, isObject, isPositiveInteger, optionalStream, parseJsonObject, requireModel } from '../json-body.js';
import type { ParsedRequest } from '../types.js';

export type OpenAIApi = 'chat' | 'responses';
export type ServiceTier = 'default' | 'flex' | 'priority';

export interface OpenAIRequest extends ParsedRequest {
  api: OpenAIApi;
  /** The request's own output limit; null when it sets none (the model's limit then applies). */
  max_output_tokens: number | null;
  /** Chat Completions `n`: each choice is billed for its own output. */
  choices: number;
  service_tier: ServiceTier;
  /** The client asked for the usage chunk itself (`stream_options.include_usage`). */
  wants_usage_chunk: boolean;
  /** `previous_response_id` or `conversation`: input the body does not hold. */
  continues_conversation: boolean;
  body_bytes: number;
  /** An output limit the proxy sets upstream for a client that sent none (Codex near the end of a budget). */
  output_ceiling: number | null;
  /** A `max_tool_calls` the proxy sets upstream to bound hosted tools the client left unbounded (Codex). */
  tool_call_ceiling: number | null;
}

const OUTPUT_LIMIT_FIELDS: Record<OpenAIApi, string[]> = {
  chat: ['max_completion_tokens', 'max_tokens'],
  responses: ['max_output_tokens'],
};

function outputLimit(body: Record<string, unknown>, api: OpenAIApi): number | null {
  for (const field of OUTPUT_LIMIT_FIELDS[api]) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!isPositiveInteger(value)) throw invalidField(field, `\`${field}\` must be a positive integer.`);
    return value;
  }
  return null;
}

function choiceCount(body: Record<string, unknown>): number {
  const { n } = body;
  if (n === undefined || n === null) return 1;
  if (!isPositiveInteger(n)) throw invalidField('n', '`n` must be a positive integer.');
  return n;
}

/** `auto` runs at the project's default tier; `scale` is prepaid capacity, billed at the default rates. */
function serviceTier(body: Record<string, unknown>): ServiceTier {
  const tier = body.service_tier;
  if (tier === 'flex' || tier === 'priority') return tier;
  if (tier === undefined || tier === null || tier === 'auto' || tier === 'default' || tier === 'scale') return 'default';
  throw invalidField('service_tier', '`service_tier` must be one of auto, default, flex, priority, scale.');
}

function checkInput(body: Record<string, unknown>, api: OpenAIApi): void {
  if (api === 'chat' && !Array.isArray(body.messages)) throw invalidField('messages', '`messages` is required and must be an array.');
  if (api === 'responses' && body.input === undefined && body.previous_response_id === undefined && body.conversation === undefined && body.prompt === undefined) {
    throw invalidField('input', '`input` is required.');
  }
}

export function parseOpenAIRequest(raw: Buffer, path: string): OpenAIRequest {
  const api: OpenAIApi = path === '/responses' ? 'responses' : 'chat';
  const body = parseJsonObject(raw);
  const model = requireModel(body);
  const stream = optionalStream(body);
  checkInput(body, api);
  if (body.background === true) {
    throw invalidField(
      'background',
      'Background responses are not supported through agent-budget: they run after the request returns, so their cost cannot be held to the budget. Send the request without `background`.',
    );
  }
  if (body.stream_options !== undefined && body.stream_options !== null && !isObject(body.stream_options)) {
    throw invalidField('stream_options', '`stream_options` must be an object.');
  }
  return {
    model,
    stream,
    body,
    api,
    max_output_tokens: outputLimit(body, api),
    choices: api === 'chat' ? choiceCount(body) : 1,
    service_tier: serviceTier(body),
    wants_usage_chunk: isObject(body.stream_options) && body.stream_options.include_usage === true,
    continues_conversation: api === 'responses' && (body.previous_response_id != null || body.conversation != null),
    body_bytes: raw.length,
    output_ceiling: null,
    tool_call_ceiling: null,
  };
}
