/**
 * The hot loop of the import: the complete lines of a chunk of a JSONL log, each handed to the
 * adapter only when it holds one of the adapter's interesting substrings. Lines are found and
 * filtered on the raw bytes (memchr-speed `indexOf`), so a line that cannot matter is never decoded
 * nor parsed.
 */
import type { FileState, LineContext, LineLogAdapter, LineResult } from './adapter.js';

const NEWLINE = 0x0a;
const CR = 0x0d;
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }

export interface ScanSink {
  result(result: Extract<LineResult, { kind: 'request' | 'session' }>): void;
  malformed(): void;
  /** Called before a line is parsed (see ReadOptions.pause). */
  pause?(): void;
}

const isBlank = (bytes: Buffer, from: number, to: number) => {
  for (let i = from; i < to; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09) return false;
  return true;
};

/** A line an adapter cannot read (it threw) is malformed: one bad line never stops an import. */
function parseSafely(adapter: LineLogAdapter, line: string, state: FileState, context: LineContext): LineResult {
  try {
    return adapter.parseLine(line, state, context);
  } catch {
    return { kind: 'malformed' };
  }
}

/**
 * Scans `bytes[0, end)` (which ends just after a newline) as lines starting at file offset `base`.
 * The state is updated in place by the adapter.
 */
export function scanLines(adapter: LineLogAdapter, bytes: Buffer, end: number, base: number, file: string, state: FileState, sink: ScanSink): void {
  const needles = adapter.interestingLines.map((needle) => Buffer.from(needle));
  // The next occurrence of each needle at or after the current line (-1: none left in the chunk).
  const next = needles.map((needle) => bytes.indexOf(needle, 0));
  let start = 0;
  while (start < end) {
    const newline = bytes.indexOf(NEWLINE, start);
    if (newline === -1 || newline >= end) break;
    const stop = newline > start && bytes[newline - 1] === CR ? newline - 1 : newline;
    if (stop > start && bytes[start] === OPEN && bytes[stop - 1] === CLOSE) {
      let interesting = false;
      for (let i = 0; i < needles.length; i++) {
        if (next[i] !== -1 && next[i] < start) next[i] = bytes.indexOf(needles[i], start);
        if (next[i] !== -1 && next[i] < stop) interesting = true;
      }
      if (interesting) {
        sink.pause?.();
        const result = parseSafely(adapter, bytes.toString('utf8', start, stop), state, { file, offset: base + start });
        if (result.kind === 'malformed') sink.malformed();
        else if (result.kind !== 'skip') sink.result(result);
      }
    } else if (!isBlank(bytes, start, stop)) {
      sink.malformed();
    }
    start = newline + 1;
  }
}
