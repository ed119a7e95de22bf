/**
 * Keeps an import running: a pass at start, another shortly after any change under the log roots
 * (fs.watch, recursive where the OS allows), and a periodic pass that also catches what a watch
 * missed (a root created later, network folders, platforms without recursive watching). Passes
 * never overlap: a change during a pass asks for one more after it.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../logger.js';

const DEBOUNCE_MS = 300;
const POLL_MS = 5_000;

export interface Watcher {
  /** Resolves after the first pass. */
  ready: Promise<void>;
  /** Runs a pass now (after the one under way, if any). */
  scan(): Promise<void>;
  /** Stops watching; resolves once the pass under way (if any) has ended. */
  stop(): Promise<void>;
}

export function watchLogs(pass: () => Promise<unknown>, roots: readonly string[], logger: Logger, what: string): Watcher {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> =>
    pass()
      .then(() => undefined)
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, `${what} log import failed`));
  const scan = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again ??= running.then(() => {
        again = null;
        return scan();
      });
      return again;
    }
    running = run().finally(() => (running = null));
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
    scan,
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (debounce) clearTimeout(debounce);
      for (const watcher of watchers) watcher.close();
      await running;
    },
  };
}
