/**
 * How far each transcript has been read, kept in the data folder so a restart resumes where it
 * stopped. Losing it costs only time: re-reading a file counts nothing twice.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'claude-code-import.json';

export function loadOffsets(dataDir: string): Map<string, number> {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as { offsets?: Record<string, number> };
    return new Map(Object.entries(parsed.offsets ?? {}).filter(([, offset]) => Number.isInteger(offset) && offset >= 0));
  } catch {
    return new Map();
  }
}

export function saveOffsets(dataDir: string, offsets: Map<string, number>): void {
  const path = join(dataDir, FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify({ offsets: Object.fromEntries(offsets) }), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
