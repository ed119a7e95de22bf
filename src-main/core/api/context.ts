/** What the admin API routes need from the running core. */
import type { AgentLogImports } from '../agent-logs/start.js';
import type { CoreConfig } from '../config.js';
import type { CoreBus } from '../events.js';
import type { Logger } from '../logger.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { SpendReporter } from '../alerts/spend-reporter.js';
import type { WebhookOptions } from '../alerts/webhook.js';
import type { Store } from '../store/store.js';

export interface ApiContext {
  /** The agents' log imports under way (an agent whose import is off has none). */
  agentLogs: AgentLogImports;
  config: CoreConfig;
  store: Store;
  bus: CoreBus;
  spend: SpendReporter;
  logger: Logger;
  prices: () => PriceBook;
  reloadPrices: () => Promise<void>;
  setPaused: (paused: boolean) => Promise<void>;
  isPaused: () => boolean;
  adminToken: string;
  /** The port actually bound (config.port may be 0). */
  port: () => number;
  version: string;
  webhookOptions: WebhookOptions;
  now: () => number;
}
