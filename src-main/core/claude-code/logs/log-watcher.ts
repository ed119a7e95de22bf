/**
 * Keeps the import running: a scan at start, another shortly after any change under the log roots
 * (fs.watch, recursive where the OS allows), and a periodic scan that also catches what a watch
 * missed (a root created later, network folders, platforms without recursive watching).
 */
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../../logger.js';
import type { ClaudeLogImporter } from './log-importer.js';

const DEBOUNCE_MS = 300;
const POLL_MS = 5_000;

export function watchClaudeLogs(importer: ClaudeLogImporter, roots: string[], logger: Logger): { stop(): void; ready: Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const scan = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = importer
      .scan()
      .then(() => undefined)
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'Claude Code log import failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void scan();
        }
      });
    return running;
  };

  let debounce: NodeJS.Timeout | null = null;
  const soon = () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => void scan(), DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const root of roots) {
    try {
      watchers.push(watch(root, { recursive: true }, soon).on('error', () => undefined));
    } catch {
      // Not there yet, or no recursive watching here: the poll covers it.
    }
  }
  const poll = setInterval(() => void scan(), POLL_MS);
  poll.unref();
  return {
    ready: scan(),
    stop() {
      clearInterval(poll);
      if (debounce) clearTimeout(debounce);
      for (const watcher of watchers) watcher.close();
    },
  };
}
