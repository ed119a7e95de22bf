/**
 * Starts the core: store, pricing, crash recovery, the proxy and API server, retention. The same
 * function runs headless (`serve`) and inside the Electron main process.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SpendReporter } from './alerts/spend-reporter.js';
import { DEFAULT_WEBHOOK_OPTIONS } from './alerts/webhook.js';
import type { ApiContext } from './api/context.js';
import { type Core, type StartOptions, URL_PREFIX } from './core.js';
import { CoreBus } from './events.js';
import { loadAdminToken } from './admin-token.js';
import { createLogger } from './logger.js';
import { machineTimeZone } from './period.js';
import { LivePrices } from './pricing/live-prices.js';
import { SEED_PRICES } from './pricing/seed.js';
import { anthropicAdapter } from './providers/anthropic/adapter.js';
import { openaiAdapter } from './providers/openai/adapter.js';
import { geminiAdapter } from './providers/gemini/adapter.js';
import type { ProxyDeps } from './proxy/deps.js';
import { InFlightIds } from './proxy/in-flight-ids.js';
import { Limiter } from './proxy/limiter.js';
import { createUpstream } from './proxy/upstream.js';
import { scheduleRetention } from './retention.js';
import { createHttpServer } from './server.js';
import { openStore } from './store/open-store.js';
import { trackPaused } from './paused-state.js';
import { followOtherInstances } from './shared-state.js';
import { AppError } from './errors.js';
import { startAgentLogImports } from './agent-logs/start.js';
import { RequestActivity } from './request-activity.js';
import { lazyHandler } from './lazy-handler.js';
import { DEFAULT_BUDGET_NAME } from './store/settings-defaults.js';
import type { Store } from './store/store.js';
import { packageRoot, VERSION } from './version.js';
import { FirstRunState } from './first-run/state.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** True when the store had no default budget yet: a fresh data folder (or shared database). */
async function ensureDefaultBudget(store: Store, now: number): Promise<boolean> {
  if (await store.budgets.get(DEFAULT_BUDGET_NAME, now)) return false;
  const settings = await store.settings.get();
  const input = { name: DEFAULT_BUDGET_NAME, max_micros: settings.default_max_micros, period: settings.default_period, timezone: machineTimeZone(), webhook_url: null, clamp_max_tokens: false };
  // In team mode another instance starting at the same moment may create it first.
  return store.budgets.create(input, now).then(
    () => true,
    (error: unknown) => {
      if (!(error instanceof AppError && error.kind === 'conflict_error')) throw error;
      return false;
    },
  );
}

export async function startCore(options: StartOptions): Promise<Core> {
  const { config } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel);
  if (!LOOPBACK.has(config.host) && !config.allowRemote) {
    throw new Error(`HOST=${config.host} would expose the proxy beyond this machine; set AGENT_BUDGET_ALLOW_REMOTE=1 to allow it.`);
  }
  const store = await openStore(config, logger, options.sqliteNativeBinding);
  await store.pricing.seed(SEED_PRICES, now());
  const livePrices = await LivePrices.load(store.pricing);
  const prices = livePrices.current;
  const reloadPrices = async () => void (await livePrices.reload());
  new FirstRunState(config.dataDir).begin(await ensureDefaultBudget(store, now()), now());
  const recovered = await store.ledger.recover(now());
  if (recovered > 0) logger.warn({ recovered }, 'settled reservations left by an earlier run at their worst case');

  const bus = new CoreBus();
  const spend = new SpendReporter(store, bus, logger, now, options.webhookOptions);
  const { token: adminToken } = loadAdminToken(config.dataDir, config.adminToken);
  const paused = trackPaused(store, bus);
  const shared = await followOtherInstances({ store, bus, prices: livePrices, paused, now }, logger);
  let port = config.port;
  const timeoutMs = config.upstreamTimeoutS * 1000;
  const deps: ProxyDeps = {
    config,
    store,
    prices,
    upstreams: {
      anthropic: createUpstream(config.anthropicUpstream, timeoutMs),
      openai: createUpstream(config.openaiUpstream, timeoutMs),
      gemini: createUpstream(config.geminiUpstream, timeoutMs),
    },
    spend,
    limiter: new Limiter(config.maxConcurrentUpstream),
    inFlightRequestIds: new InFlightIds(),
    logger,
    now,
  };
  const activity = new RequestActivity();
  const agentLogs = startAgentLogImports(
    config.agentLogRoots,
    { store, dataDir: config.dataDir, inFlight: deps.inFlightRequestIds, activity, now, onImported: (agent, outcome) => {
      spend.imported(outcome.budgetIds);
      bus.emit({ type: 'agent-logs', agent, imported: outcome.inserted });
      if (agent === 'claude-code') bus.emit({ type: 'claude-code', imported: outcome.inserted });
    }, onPassState: (agent) => bus.emit({ type: 'agent-logs', agent, imported: 0 }) },
    logger,
  );
  const ctx: ApiContext = { config, store, bus, spend, logger, agentLogs, prices, reloadPrices, setPaused: paused.setPaused, isPaused: paused.isPaused, adminToken, port: () => port, version: VERSION, now, webhookOptions: options.webhookOptions ?? DEFAULT_WEBHOOK_OPTIONS };
  // Express and the dashboard's modules load with the first dashboard or API request: a proxy that
  // only meters traffic stays small.
  const app = lazyHandler(async () => (await import('./api/express-app.js')).createExpressApp(ctx, join(packageRoot(), 'dist', 'renderer')), logger);
  const server = createHttpServer({ deps, adapters: { anthropic: anthropicAdapter, openai: openaiAdapter, gemini: geminiAdapter }, app, port: () => port, allowedOrigins: () => store.settings.current().allowed_origins });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error) => {
    shared?.stop();
    await store.close();
    throw error;
  });
  port = (server.address() as AddressInfo).port;
  // The log import gives way to the proxy's traffic (not to the dashboard's own API calls).
  server.on('request', (req, res) => {
    if (req.url?.startsWith(`${URL_PREFIX}/api/`)) return;
    activity.begin();
    res.once('close', () => activity.end());
  });
  const retention = scheduleRetention(store, logger, now);
  const host = config.host === '::1' ? '[::1]' : config.host;

  return {
    config,
    store,
    bus,
    logger,
    origin: `http://${host}:${port}`,
    port,
    adminToken,
    setPaused: paused.setPaused,
    isPaused: paused.isPaused,
    agentLogs,
    async close() {
      retention.stop();
      shared?.stop();
      await agentLogs.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await spend.idle();
      spend.close();
      await Promise.all(Object.values(deps.upstreams).map((upstream) => upstream.dispatcher.close()));
      await store.close();
    },
  };
}
