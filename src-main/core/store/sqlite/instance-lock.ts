/**
 * One app per data folder: a small lock file that a running instance holds locked (SQLite's
 * exclusive locking mode: the OS drops the lock when the process ends, however it ends). The store's
 * own file is not locked that way, because the import worker opens a second connection to it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const LOCK_FILE = 'agent-budget.lock';

export class StoreLockedError extends Error {
  constructor(dataDir: string) {
    super(`Another agent-budget instance is already using the data folder ${dataDir}. Quit it first, or set AGENT_BUDGET_DATA_DIR to another folder.`);
    this.name = 'StoreLockedError';
  }
}

export interface InstanceLock {
  release(): void;
}

export function lockDataDir(dataDir: string, nativeBinding: string | undefined): InstanceLock {
  const lock = new Database(join(dataDir, LOCK_FILE), { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock, and exclusive locking mode keeps it until close.
    lock.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS instance (pid INTEGER); COMMIT');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new StoreLockedError(dataDir);
    throw error;
  }
  return { release: () => lock.close() };
}
