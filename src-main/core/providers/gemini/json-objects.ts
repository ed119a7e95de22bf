/**
 * Finds the top-level JSON objects in a byte stream, whatever surrounds them: Gemini streams each
 * GenerateContentResponse either as an SSE event (`data: {…}\r\n\r\n`, with `alt=sse`) or as an
 * element of one JSON array sent piece by piece (`[{…}\n,\r\n{…}]`). Objects may be split across
 * chunks anywhere, inside strings and multi-byte characters included.
 */
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonObjectSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private held: Buffer[] = [];

  constructor(private readonly onObject: (json: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.depth === 0) {
        if (byte === OPEN_BRACE) {
          this.depth = 1;
          start = i;
        }
        continue;
      }
      if (this.inString) {
        i = this.stringEnd(chunk, i);
        continue;
      }
      if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.depth++;
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --this.depth === 0) {
        this.held.push(chunk.subarray(start, i + 1));
        const whole = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held);
        this.held = [];
        start = -1;
        this.onObject(whole);
      }
    }
    if (this.depth > 0 && start !== -1) this.held.push(chunk.subarray(start));
  }

  /**
   * Skips string content with indexOf rather than byte by byte (answers are mostly text): returns the
   * index of the closing quote, or the chunk's last index when the string goes on into the next chunk.
   */
  private stringEnd(chunk: Buffer, from: number): number {
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (let quote = chunk.indexOf(QUOTE, i); quote !== -1; quote = chunk.indexOf(QUOTE, quote + 1)) {
      if (backslashesBefore(chunk, quote, i) % 2 === 0) {
        this.inString = false;
        return quote;
      }
    }
    this.escaped = backslashesBefore(chunk, chunk.length, i) % 2 === 1;
    return chunk.length - 1;
  }
}

/** The run of backslashes just before `end`, counted no further back than `floor`. */
function backslashesBefore(chunk: Buffer, end: number, floor: number): number {
  let k = end - 1;
  while (k >= floor && chunk[k] === BACKSLASH) k--;
  return end - 1 - k;
}
