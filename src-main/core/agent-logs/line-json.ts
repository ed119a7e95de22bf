/** Reading one log line: every agent's logs are JSON Lines with an object per line. */
import { isObject } from '../providers/json-body.js';
import type { LineResult } from './adapter.js';

export const SKIP: LineResult = { kind: 'skip' };
export const MALFORMED: LineResult = { kind: 'malformed' };

/** The line's object, or null when the line is not a JSON object (the caller counts it malformed). */
export function lineObject(text: string): Record<string, unknown> | null {
  try {
    const json: unknown = JSON.parse(text);
    return isObject(json) ? json : null;
  } catch {
    return null;
  }
}
