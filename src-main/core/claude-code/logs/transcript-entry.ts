/**
 * One line of a Claude Code transcript (JSONL). Only assistant entries with `message.usage` cost
 * money; everything else (user turns, summaries, snapshots, Claude Code's own `<synthetic>`
 * messages) is skipped, and a line that is not JSON is counted as malformed, never fatal.
 */
import { z } from 'zod';
import { usageFromAnthropic } from '../../providers/anthropic/usage.js';
import type { Usage } from '../../usage.js';

export interface TranscriptEntry {
  /** The join key with the proxy's records: Anthropic's request id, else the message id. */
  requestKey: string;
  messageId: string;
  sessionId: string | null;
  cwd: string | null;
  model: string;
  usage: Usage;
  time: number;
  sidechain: boolean;
}

const Line = z.object({
  type: z.string().optional(),
  requestId: z.string().optional(),
  sessionId: z.string().optional(),
  cwd: z.string().optional(),
  isSidechain: z.boolean().optional(),
  timestamp: z.string(),
  message: z.object({ id: z.string(), model: z.string(), usage: z.record(z.string(), z.unknown()) }),
});

export type ParsedLine = { kind: 'entry'; entry: TranscriptEntry } | { kind: 'skip' } | { kind: 'malformed' };

export function parseTranscriptLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'malformed' };
  }
  const line = Line.safeParse(json);
  if (!line.success || line.data.message.model === '<synthetic>') return { kind: 'skip' };
  const { data } = line;
  const usage = usageFromAnthropic(data.message.usage);
  const time = Date.parse(data.timestamp);
  if (!usage || Number.isNaN(time)) return { kind: 'skip' };
  return {
    kind: 'entry',
    entry: {
      requestKey: data.requestId ?? data.message.id,
      messageId: data.message.id,
      sessionId: data.sessionId ?? null,
      cwd: data.cwd ?? null,
      model: data.message.model,
      usage,
      time,
      sidechain: data.isSidechain ?? false,
    },
  };
}

/**
 * One entry per request: Claude Code writes a message several times while it streams (earlier
 * copies carry partial output) and a resumed session repeats earlier messages, so the copy with
 * the most output wins.
 */
export function latestCopies(entries: TranscriptEntry[]): TranscriptEntry[] {
  const best = new Map<string, TranscriptEntry>();
  for (const entry of entries) {
    const seen = best.get(entry.requestKey);
    if (!seen || entry.usage.output_tokens > seen.usage.output_tokens) best.set(entry.requestKey, entry);
  }
  return [...best.values()];
}
