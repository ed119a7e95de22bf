/** The Claude Code log import as the core runs it: an importer, its watcher, and what the API shows of it. */
import type { Logger } from '../../logger.js';
import { type ImporterDeps, ClaudeLogImporter, type ImportStatus } from './log-importer.js';
import { watchClaudeLogs } from './log-watcher.js';

export interface ClaudeLogImport {
  status(): ImportStatus;
  /** Imports what is new now (the watcher also does it on its own). */
  scan(): Promise<number>;
  /** Resolves after the first scan. */
  ready: Promise<void>;
  stop(): void;
}

export function startClaudeLogImport(deps: ImporterDeps, logger: Logger): ClaudeLogImport {
  const importer = new ClaudeLogImporter(deps);
  const watcher = watchClaudeLogs(importer, deps.roots, logger);
  return { status: () => importer.status, scan: () => watcher.ready.then(() => importer.scan()), ready: watcher.ready, stop: watcher.stop };
}
