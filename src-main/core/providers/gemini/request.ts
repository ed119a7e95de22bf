/**
 * Reads a Gemini generateContent request once, checking only what the proxy relies on; anything
 * else is the upstream's to judge. The model and streaming come from the path, not the body.
 * Google's JSON accepts both lowerCamelCase and snake_case field names, so both are read.
 */
import { invalidField, isObject, isPositiveInteger, parseJsonObject } from '../json-body.js';
import type { ParsedRequest } from '../types.js';
import { modelOfPath } from './routes.js';

export interface GeminiRequest extends ParsedRequest {
  /** `generationConfig.maxOutputTokens`; null when the request sets none (the model's limit applies). */
  max_output_tokens: number | null;
  /** `generationConfig.candidateCount`: each candidate is billed for its own output. */
  candidates: number;
  /** `thinkingConfig.thinkingBudget`: 0 turns thinking off, n > 0 caps it, null lets the model decide. */
  thinking_budget: number | null;
  body_bytes: number;
}

type Json = Record<string, unknown>;

/** A field under either spelling, e.g. `maxOutputTokens` or `max_output_tokens`. */
export function field(object: Json, camel: string): unknown {
  if (object[camel] !== undefined) return object[camel];
  return object[camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
}

function optionalObject(parent: Json, name: string, path: string): Json {
  const value = field(parent, name);
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalidField(path, `\`${path}\` must be an object.`);
  return value;
}

function positive(config: Json, name: string): number | null {
  const value = field(config, name);
  if (value === undefined || value === null) return null;
  if (!isPositiveInteger(value)) throw invalidField(`generationConfig.${name}`, `\`generationConfig.${name}\` must be a positive integer.`);
  return value;
}

function thinkingBudget(config: Json): number | null {
  const thinking = optionalObject(config, 'thinkingConfig', 'generationConfig.thinkingConfig');
  const budget = field(thinking, 'thinkingBudget');
  if (budget === undefined || budget === null || budget === -1) return null;
  if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 0) {
    throw invalidField('generationConfig.thinkingConfig.thinkingBudget', '`thinkingBudget` must be -1 (dynamic), 0 (off) or a positive integer.');
  }
  return budget;
}

export function parseGeminiRequest(raw: Buffer, path: string): GeminiRequest {
  const body = parseJsonObject(raw);
  const contents = field(body, 'contents');
  if (!Array.isArray(contents)) throw invalidField('contents', '`contents` is required and must be an array.');
  const config = optionalObject(body, 'generationConfig', 'generationConfig');
  return {
    model: modelOfPath(path),
    stream: path.endsWith(':streamGenerateContent'),
    body,
    max_output_tokens: positive(config, 'maxOutputTokens'),
    candidates: positive(config, 'candidateCount') ?? 1,
    thinking_budget: thinkingBudget(config),
    body_bytes: raw.length,
  };
}
