/** Picks the store: the embedded SQLite file, or PostgreSQL when a database URL is configured. */
import type { CoreConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export async function openStore(config: CoreConfig, logger: Logger, sqliteNativeBinding?: string): Promise<Store> {
  if (config.databaseUrl) {
    const { createPostgresStore } = await import('./postgres/index.js');
    return createPostgresStore({ url: config.databaseUrl, leaseS: config.leaseS, logger });
  }
  return createSqliteStore({ dataDir: config.dataDir, logger, nativeBinding: sqliteNativeBinding });
}
