/**
 * Picks the store: the embedded SQLite file, or the team's PostgreSQL when a database URL is
 * configured. Each is loaded only when chosen, so neither driver costs memory when unused.
 */
import type { CoreConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from './store.js';

export async function openStore(config: CoreConfig, logger: Logger, sqliteNativeBinding?: string): Promise<Store> {
  if (config.databaseUrl) {
    const { createPostgresStore } = await import('./postgres/index.js');
    return createPostgresStore({ url: config.databaseUrl, leaseMs: config.leaseS * 1000, logger });
  }
  const { createSqliteStore } = await import('./sqlite/index.js');
  return createSqliteStore({ dataDir: config.dataDir, logger, nativeBinding: sqliteNativeBinding });
}
