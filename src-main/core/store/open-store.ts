/** Picks the store: the embedded SQLite file, or PostgreSQL when a database URL is configured. */
import type { CoreConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { createSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

export async function openStore(config: CoreConfig, logger: Logger, sqliteNativeBinding?: string): Promise<Store> {
  if (config.databaseUrl) {
    throw new Error('AGENT_BUDGET_DATABASE_URL is set, but this build has no PostgreSQL store yet.');
  }
  return createSqliteStore({ dataDir: config.dataDir, logger, nativeBinding: sqliteNativeBinding });
}
