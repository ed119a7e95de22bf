/** The team store: budgets, usage, alerts, pricing and settings in a shared PostgreSQL database. */
import type { Logger } from '../../logger.js';
import { machineTimeZone } from '../../period.js';
import type { Store } from '../store.js';
import type { CoreSettings } from '../types.js';
import { AgentViews } from '../agent-views.js';
import { startAgentDays } from './agent-days.js';
import { PgAlerts } from './alerts.js';
import { PgBudgets } from './budgets.js';
import { PgLedger } from './ledger.js';
import { startLeaseKeeper } from './leases.js';
import { applyPostgresMigrations } from './migrate.js';
import { createPool, rows } from './pool.js';
import { PgPricing } from './pricing.js';
import { PgSettings } from './settings.js';
import { PgUsage } from './usage.js';

export interface PostgresOptions {
  url: string;
  leaseMs: number;
  logger: Logger;
}

export async function createPostgresStore({ url, leaseMs, logger }: PostgresOptions): Promise<Store & { ledger: PgLedger }> {
  const pool = createPool(url);
  // An idle connection that breaks (database restart) must not crash the app; the next query reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'a PostgreSQL connection failed'));
  try {
    await applyPostgresMigrations(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const budgets = new PgBudgets(pool);
  const syncGlobal = (s: CoreSettings) => budgets.syncGlobal(s.global_max_micros, s.global_period, machineTimeZone(), Date.now());
  const settings = await PgSettings.load(pool, syncGlobal);
  await syncGlobal(settings.current());
  const ledger = new PgLedger(pool, budgets, settings, leaseMs);
  const stopLeases = startLeaseKeeper(ledger, leaseMs, logger);
  const stopAgentDays = await startAgentDays(pool, logger);
  return {
    kind: 'postgres',
    budgets,
    settings,
    usage: new PgUsage(pool),
    agentViews: new AgentViews((sql, params) => rows(pool, sql, params), 'postgres'),
    alerts: new PgAlerts(pool),
    pricing: new PgPricing(pool),
    ledger,
    async close() {
      stopLeases();
      await stopAgentDays();
      await pool.end();
    },
  };
}
