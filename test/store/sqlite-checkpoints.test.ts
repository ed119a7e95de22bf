/**
 * The write-ahead log reaches the database file off the proxy's thread: the checkpoint worker copies
 * it on its own connection, under Linux's idle scheduling policy where `chrt` can set it, so that a
 * checkpoint never takes a core from the proxy's requests; an app with nothing to copy holds no
 * thread for it.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/logger.js';
import { Checkpointer } from '../../src-main/core/store/sqlite/checkpointer.js';
import { createSqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { DB_FILE } from '../../src-main/core/store/sqlite/open.js';

const logger = createLogger('silent');
const SCHED_IDLE = 5;
const NOW = Date.UTC(2026, 11, 6);
const budget = (name: string) => ({ name, max_micros: 1_000_000, period: 'monthly' as const, timezone: 'UTC', webhook_url: null, clamp_max_tokens: false });

/** Polls `check` every 10 ms until it holds, for at most 5 s. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 500; i++) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

/** This process's threads under SCHED_IDLE (the scheduling policy is the 41st field of a task's stat). */
function idleThreads(): number {
  return readdirSync('/proc/self/task').filter((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]) === SCHED_IDLE;
  }).length;
}

function canSetIdlePolicy(): boolean {
  try {
    execFileSync('chrt', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux';
  } catch {
    return false;
  }
}

describe('WAL checkpoints', () => {
  it('copy what the proxy wrote into the database file, on a worker thread that runs only when a core is idle', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-checkpoints-'));
    const store = createSqliteStore({ dataDir, logger });
    for (let i = 0; i < 40; i++) {
      await store.budgets.create(budget(`agent-${i}`), NOW);
    }
    const idleBefore = canSetIdlePolicy() ? idleThreads() : 0;
    const checkpointer = new Checkpointer(store.db, { file: store.db.name, nativeBinding: undefined }, logger, 60_000);
    try {
      const result = await checkpointer.checkpoint();
      expect(result.log).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.log);
      if (canSetIdlePolicy()) expect(idleThreads()).toBe(idleBefore + 1);
      // The database file alone, without its log, holds every budget.
      const copy = join(dataDir, 'copy.db');
      copyFileSync(join(dataDir, DB_FILE), copy);
      const alone = new Database(copy);
      expect(alone.prepare("SELECT COUNT(*) AS n FROM budgets WHERE name LIKE 'agent-%'").get()).toEqual({ n: 40 });
      alone.close();
    } finally {
      await checkpointer.close();
      await store.close();
    }
  });

  it.runIf(canSetIdlePolicy())('start when the log has grown and stop after a while with nothing to copy', async () => {
    const store = createSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'agent-budget-checkpoints-')), logger });
    const idleBefore = idleThreads();
    // Looks every 100 ms: the first finds the log the store's opening wrote, and starts the worker.
    const checkpointer = new Checkpointer(store.db, { file: store.db.name, nativeBinding: undefined }, logger, 100);
    try {
      expect(await eventually(() => idleThreads() === idleBefore + 1)).toBe(true);
      // Six looks in a row with the log unchanged: the worker exits.
      expect(await eventually(() => idleThreads() === idleBefore)).toBe(true);
      // A write: the next look starts it again, and the write reaches the database file.
      await store.budgets.create(budget('late'), NOW);
      expect(await eventually(() => idleThreads() === idleBefore + 1)).toBe(true);
      const result = await checkpointer.checkpoint();
      expect(result.checkpointed).toBe(result.log);
    } finally {
      await checkpointer.close();
      await store.close();
    }
  });
});
