/** The admin API and the dashboard's static files, on express. The proxy routes never come here. */
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { AppError } from '../errors.js';
import { requireAdminForChanges } from './auth.js';
import { agentStatusRoutes } from './agent-status-routes.js';
import { budgetRoutes } from './budget-routes.js';
import { claudeCodeUsageRoutes } from './claude-code-usage-routes.js';
import { claudeCodeRoutes } from './claude-code-routes.js';
import { geminiRoutes } from './gemini-routes.js';
import type { ApiContext } from './context.js';
import { apiErrorHandler } from './errors.js';
import { eventsHandler } from './events-route.js';
import { pricingRoutes } from './pricing-routes.js';
import { sessionRoutes } from './session-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { usageRoutes } from './usage-routes.js';

export function createExpressApp(ctx: ApiContext, dashboardDir: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false,
    }),
  );
  // Event streams must not be buffered by compression.
  app.use(compression({ filter: (req, res) => !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') && compression.filter(req, res) }));

  app.get('/agent-budget/health', (_req, res) => {
    res.json({ ok: true, version: ctx.version });
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(requireAdminForChanges(ctx.adminToken, ctx.port));
  api.get('/events', eventsHandler(ctx.bus));
  api.use(budgetRoutes(ctx), usageRoutes(ctx), pricingRoutes(ctx), settingsRoutes(ctx), sessionRoutes(ctx), claudeCodeRoutes(ctx), claudeCodeUsageRoutes(ctx), geminiRoutes(ctx));
  api.use(agentStatusRoutes(ctx));
  api.use((req) => {
    throw new AppError('not_found_error', `No API route ${req.method} /agent-budget/api${req.path}.`);
  });
  app.use('/agent-budget/api', api);

  if (existsSync(dashboardDir)) {
    app.use('/agent-budget', express.static(dashboardDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheIndex }));
  }
  app.get(['/', '/agent-budget'], (_req, res) => res.redirect('/agent-budget/'));
  app.use((req) => {
    throw new AppError('not_found_error', `Nothing at ${req.method} ${req.path}.`);
  });
  app.use(apiErrorHandler(ctx.logger));
  return app;
}

/** The page's hashed assets may be cached; index.html must not, so an upgrade shows at once. */
function noCacheIndex(res: express.Response, path: string): void {
  if (path.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
}
