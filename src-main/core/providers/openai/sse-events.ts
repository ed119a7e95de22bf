/**
 * Splits a server-sent-events byte stream into whole events (each ending in a blank line). Events
 * are decoded only once complete, so a multi-byte character split across chunks is never cut.
 */
const BOUNDARY = /\r?\n\r?\n/g;

export class SseEventSplitter {
  private held = '';
  private readonly decoder = new TextDecoder();

  /** The events completed by this chunk, each with its terminating blank line. */
  push(chunk: Buffer): string[] {
    this.held += this.decoder.decode(chunk, { stream: true });
    const events: string[] = [];
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (let match = BOUNDARY.exec(this.held); match; match = BOUNDARY.exec(this.held)) {
      const end = match.index + match[0].length;
      events.push(this.held.slice(start, end));
      start = end;
    }
    this.held = this.held.slice(start);
    return events;
  }

  /** Whatever the stream left unterminated. */
  rest(): string {
    const rest = this.held + this.decoder.decode();
    this.held = '';
    return rest;
  }
}

/** The JSON payload of an event's `data:` lines; null for `[DONE]`, comments or invalid JSON. */
export function eventData(event: string): Record<string, unknown> | null {
  const data = event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
    .join('\n');
  if (data === '' || data === '[DONE]') return null;
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
