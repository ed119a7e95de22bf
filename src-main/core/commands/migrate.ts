/** `migrate`: applies pending schema migrations to the configured store, for operators. */
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openStore } from '../store/open-store.js';

export async function migrate(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const store = await openStore(config, createLogger('warn'));
  await store.close();
  process.stdout.write(`agent-budget: the ${store.kind} store's schema is up to date.\n`);
}
