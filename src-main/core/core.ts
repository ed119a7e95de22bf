/** The running core as the desktop shell and the CLI see it. Created by `startCore` (app.ts). */
import type { AgentLogImports } from './agent-logs/start.js';
import type { WebhookOptions } from './alerts/webhook.js';
import type { CoreConfig } from './config.js';
import type { CoreBus } from './events.js';
import type { Logger } from './logger.js';
import type { Store } from './store/store.js';

export interface StartOptions {
  config: CoreConfig;
  /** Defaults to a pino logger at config.logLevel. */
  logger?: Logger;
  /** For tests: a fixed clock. */
  now?: () => number;
  /** better-sqlite3 built for Electron's ABI, when running inside Electron. */
  sqliteNativeBinding?: string;
  /** Webhook timeout and retries (tests shorten them). */
  webhookOptions?: WebhookOptions;
}

export interface Core {
  config: CoreConfig;
  store: Store;
  bus: CoreBus;
  logger: Logger;
  /** http://host:port (the actual port, also when config.port was 0). */
  origin: string;
  port: number;
  /** The admin API's bearer token (from the env, or generated into the data folder). */
  adminToken: string;
  /** Pausing refuses every metered request with a 402 until resumed; persisted. */
  setPaused(paused: boolean): Promise<void>;
  isPaused(): boolean;
  /** The agents' log imports under way (an agent whose import is off has none). */
  agentLogs: AgentLogImports;
  close(): Promise<void>;
}

export const URL_PREFIX = '/agent-budget';

/** Where the app listens unless PORT says otherwise. */
export const DEFAULT_PORT = 4727;
