/**
 * Opens the embedded SQLite file: WAL with synchronous=NORMAL (a commit survives the process
 * dying; only a power loss may lose the last ones), the data folder's instance lock so a second
 * instance fails at once, and a corrupt file moved aside instead of crashing the app. The import
 * worker and the checkpoint worker open the same file again (`openWorkerConnection`).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../logger.js';
import { type InstanceLock, lockDataDir } from './instance-lock.js';
import { applySqliteMigrations } from './migrate.js';

export type SqliteDb = Database.Database;

export const DB_FILE = 'agent-budget.db';

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** A connection's settings, the same on the proxy's thread and the import worker's. */
function configure(db: SqliteDb): void {
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  // Checkpoints run on the checkpoint worker's thread (checkpointer.ts), never inside a request's commit.
  db.pragma('wal_autocheckpoint = 0');
}

/** Opens, configures and migrates the file; any failure closes it again so the caller can move it aside. */
function connect(file: string, nativeBinding: string | undefined): SqliteDb {
  const db = new Database(file, { timeout: 1000, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = WAL');
    configure(db);
    applySqliteMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A worker thread's own connection to an open store's file (migrated already by the app). */
export function openWorkerConnection(file: string, nativeBinding: string | undefined): SqliteDb {
  const db = new Database(file, { timeout: 1000, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  configure(db);
  return db;
}

export interface OpenOptions {
  dataDir: string;
  logger: Logger;
  /** Path of a better-sqlite3 binary built for another runtime's ABI (Electron). */
  nativeBinding?: string;
}

export function openSqlite({ dataDir, logger, nativeBinding }: OpenOptions): { db: SqliteDb; lock: InstanceLock } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(dataDir, nativeBinding);
  const file = join(dataDir, DB_FILE);
  try {
    return { db: connect(file, nativeBinding), lock };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!CORRUPT_CODES.has(code)) {
      lock.release();
      throw error;
    }
    const aside = `${file}.corrupt-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    logger.error({ moved_to: aside }, 'The database file was corrupt; it was moved aside and a fresh store was created.');
    return { db: connect(file, nativeBinding), lock };
  }
}
