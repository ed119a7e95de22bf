/**
 * Opens the embedded SQLite file: WAL with synchronous=NORMAL (a commit survives the process
 * dying; only a power loss may lose the last ones), an exclusive lock so a second instance on the
 * same data folder fails at once, and a corrupt file moved aside instead of crashing the app.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../logger.js';
import { applySqliteMigrations } from './migrate.js';

export type SqliteDb = Database.Database;

export const DB_FILE = 'agent-budget.db';

export class StoreLockedError extends Error {
  constructor(dataDir: string) {
    super(`Another agent-budget instance is already using the data folder ${dataDir}. Quit it first, or set AGENT_BUDGET_DATA_DIR to another folder.`);
    this.name = 'StoreLockedError';
  }
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** Opens, configures and migrates the file; any failure closes it again so the caller can move it aside. */
function connect(file: string, nativeBinding: string | undefined): SqliteDb {
  const db = new Database(file, { timeout: 1000, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('foreign_keys = OFF');
    // Checkpoints run from a timer (see sqlite store), never inside a request's commit.
    db.pragma('wal_autocheckpoint = 0');
    applySqliteMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface OpenOptions {
  dataDir: string;
  logger: Logger;
  /** Path of a better-sqlite3 binary built for another runtime's ABI (Electron). */
  nativeBinding?: string;
}

export function openSqlite({ dataDir, logger, nativeBinding }: OpenOptions): SqliteDb {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DB_FILE);
  try {
    return connect(file, nativeBinding);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY') throw new StoreLockedError(dataDir);
    if (!CORRUPT_CODES.has(code)) throw error;
    const aside = `${file}.corrupt-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    logger.error({ moved_to: aside }, 'The database file was corrupt; it was moved aside and a fresh store was created.');
    return connect(file, nativeBinding);
  }
}
