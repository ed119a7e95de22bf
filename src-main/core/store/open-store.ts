/** Picks the store: the embedded SQLite file, or the team's PostgreSQL when a database URL is configured. */
import type { CoreConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createPostgresStore } from './postgres/index.js';
import { createSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export async function openStore(config: CoreConfig, logger: Logger, sqliteNativeBinding?: string): Promise<Store> {
  if (config.databaseUrl) return createPostgresStore({ url: config.databaseUrl, leaseMs: config.leaseS * 1000, logger });
  return createSqliteStore({ dataDir: config.dataDir, logger, nativeBinding: sqliteNativeBinding });
}
