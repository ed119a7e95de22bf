/**
 * The write-ahead log reaches the database file off the proxy's thread: the checkpoint worker copies
 * it on its own connection, under Linux's idle scheduling policy where `chrt` can set it, so that a
 * checkpoint never takes a core from the proxy's requests.
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
      await store.budgets.create({ name: `agent-${i}`, max_micros: 1_000_000, period: 'monthly', timezone: 'UTC', webhook_url: null, clamp_max_tokens: false }, NOW);
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
});
