/** Reading a provider request body: one JSON object, checked field by field with errors that name the field. */
import { AppError } from '../errors.js';

export function invalidField(field: string, message: string): AppError {
  return new AppError('invalid_request_error', message, { fields: [{ field, message }] });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Visits every object below `roots`, arrays opened, with an explicit stack: conversation bodies can
 * nest deeper than is safe to recurse. `visit` returns false to leave a node's children unvisited.
 */
export function walkObjects(roots: unknown[], visit: (node: Record<string, unknown>) => boolean): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (!isObject(node) || !visit(node)) continue;
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) stack.push(value);
  }
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
