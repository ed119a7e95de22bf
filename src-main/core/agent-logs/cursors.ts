/**
 * How far each of an agent's log files has been read (offset and parser state), kept in the data
 * folder so a restart resumes where it stopped. Losing it costs only time: re-reading a file counts
 * nothing twice.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentId } from '../../../src-shared/agents.js';
import type { FileState } from './adapter.js';

/** How far a file has been read: the offset after the last line read, and the parser's state there. */
export interface FileCursor {
  offset: number;
  state: FileState;
  /** For documents (read whole): the modification time of the version read (`offset` is its size). */
  mtimeMs?: number;
}

const fileOf = (dataDir: string, agent: AgentId) => join(dataDir, 'agent-logs', `${agent}.json`);
/** Where the Claude Code import kept its offsets before there were other agents. */
const LEGACY_CLAUDE_FILE = 'claude-code-import.json';

const isCursor = (value: unknown): value is FileCursor =>
  typeof value === 'object' && value !== null && Number.isInteger((value as FileCursor).offset) && (value as FileCursor).offset >= 0 &&
  typeof (value as FileCursor).state === 'object' && (value as FileCursor).state !== null;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function legacyClaudeCursors(dataDir: string): Map<string, FileCursor> {
  const legacy = readJson(join(dataDir, LEGACY_CLAUDE_FILE)) as { offsets?: Record<string, unknown> } | null;
  const offsets = Object.entries(legacy?.offsets ?? {}).filter((entry): entry is [string, number] => Number.isInteger(entry[1]) && (entry[1] as number) >= 0);
  return new Map(offsets.map(([path, offset]) => [path, { offset, state: {} }]));
}

export function loadCursors(dataDir: string, agent: AgentId): Map<string, FileCursor> {
  const saved = readJson(fileOf(dataDir, agent)) as { files?: Record<string, unknown> } | null;
  if (!saved && agent === 'claude-code') return legacyClaudeCursors(dataDir);
  return new Map(Object.entries(saved?.files ?? {}).filter((entry): entry is [string, FileCursor] => isCursor(entry[1])));
}

export function saveCursors(dataDir: string, agent: AgentId, cursors: ReadonlyMap<string, FileCursor>): void {
  const path = fileOf(dataDir, agent);
  mkdirSync(join(dataDir, 'agent-logs'), { recursive: true, mode: 0o700 });
  writeFileSync(`${path}.tmp`, JSON.stringify({ files: Object.fromEntries(cursors) }), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
