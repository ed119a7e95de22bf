/** Reading a provider request body: one JSON object, checked field by field with errors that name the field. */
import { AppError } from '../errors.js';

export function invalidField(field: string, message: string): AppError {
  return new AppError('invalid_request_error', message, { fields: [{ field, message }] });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    // V8's message quotes the body, which must not reach logs.
    throw invalidField('body', 'The request body is not valid JSON.');
  }
  if (!isObject(body)) throw invalidField('body', 'The request body must be a JSON object.');
  return body;
}

export function requireModel(body: Record<string, unknown>): string {
  const { model } = body;
  if (typeof model !== 'string' || model.trim() === '') throw invalidField('model', '`model` is required and must be a non-empty string.');
  return model;
}

export function optionalStream(body: Record<string, unknown>): boolean {
  const { stream } = body;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') throw invalidField('stream', '`stream` must be true or false.');
  return stream === true;
}
