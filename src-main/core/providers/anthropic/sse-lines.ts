/**
 * Splits a server-sent-events byte stream into lines without copying it: chunks may end anywhere,
 * inside a multi-byte character or between `\r` and `\n`. A line is kept as slices of the chunks
 * that carried it, so a reader that needs only its start and length never pays for a huge line.
 */
const LF = 0x0a;
const CR = 0x0d;

export class SseLine {
  constructor(
    private readonly parts: Buffer[],
    /** Bytes in the line, its `\r\n` or `\n` excluded. */
    readonly length: number,
  ) {}

  /** The line's first byte, -1 for an empty line. */
  firstByte(): number {
    return this.length === 0 ? -1 : this.parts[0][0];
  }

  /** The first `bytes` bytes as latin1, so that string offsets are byte offsets. */
  head(bytes: number): string {
    const first = this.parts[0];
    const size = Math.min(bytes, this.length);
    const buffer = first.length >= size ? first.subarray(0, size) : Buffer.concat(this.parts, size);
    return buffer.toString('latin1');
  }

  text(): string {
    const whole = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    return whole.toString('utf8', 0, this.length);
  }
}

const EMPTY_LINE = new SseLine([Buffer.alloc(0)], 0);

export class SseLineReader {
  private parts: Buffer[] = [];
  private pending = 0;

  constructor(private readonly onLine: (line: SseLine) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(LF, start); end !== -1; end = chunk.indexOf(LF, start)) {
      if (end > start) this.add(chunk.subarray(start, end));
      this.emit();
      start = end + 1;
    }
    if (start < chunk.length) this.add(chunk.subarray(start));
  }

  /** Delivers a last line the stream did not terminate. */
  end(): void {
    if (this.pending > 0) this.emit();
  }

  private add(part: Buffer): void {
    this.parts.push(part);
    this.pending += part.length;
  }

  private emit(): void {
    const last = this.parts[this.parts.length - 1];
    const length = last !== undefined && last[last.length - 1] === CR ? this.pending - 1 : this.pending;
    const parts = this.parts;
    this.parts = [];
    this.pending = 0;
    this.onLine(length === 0 ? EMPTY_LINE : new SseLine(parts, length));
  }
}
