/** POST /api/codex/setup: the Setup view's "put Codex on a budget" button (admin token required). */
import { Router } from 'express';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { CodexSetupResult, CodexUndoResult } from '../../../src-shared/codex.js';
import { codexHome } from '../codex/codex-home.js';
import { applyCodexSetup, codexBaseUrl, undoCodexSetup } from '../codex/config-file.js';
import { URL_PREFIX } from '../core.js';
import { findBudget } from './budget-routes.js';
import type { ApiContext } from './context.js';
import { validate } from './errors.js';

const SetupBody = z.strictObject({
  budget: z.string().min(1, 'is required').optional(),
  codex_home: z.string().refine(isAbsolute, 'must be an absolute path').optional(),
  undo: z.boolean().optional(),
});

export function codexRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.post('/codex/setup', async (req, res) => {
    const input = validate(SetupBody, req.body);
    const home = input.codex_home ?? codexHome();
    if (input.undo) {
      res.json(undoCodexSetup(home) satisfies CodexUndoResult);
      return;
    }
    const budget = await findBudget(ctx, input.budget ?? 'default');
    const proxyUrl = `http://127.0.0.1:${ctx.port()}${URL_PREFIX}`;
    const { file } = applyCodexSetup({ codexHome: home, budget: budget.name, proxyUrl });
    res.json({ file, budget: budget.name, base_url: codexBaseUrl(proxyUrl, budget.name) } satisfies CodexSetupResult);
  });

  return router;
}
