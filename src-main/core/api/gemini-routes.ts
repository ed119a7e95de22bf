/** POST /api/gemini/setup: the Setup view's "put this project's Gemini CLI on a budget" button (admin token required). */
import { Router } from 'express';
import { z } from 'zod';
import type { GeminiSetupResult, GeminiUndoResult } from '../../../src-shared/gemini.js';
import { URL_PREFIX } from '../core.js';
import { applyGeminiSetup, undoGeminiSetup } from '../gemini/env-file.js';
import { findBudget } from './budget-routes.js';
import { ProjectFolder } from './claude-code-routes.js';
import type { ApiContext } from './context.js';
import { validate } from './errors.js';

const SetupBody = z.strictObject({
  project: ProjectFolder,
  budget: z.string().min(1, 'is required').optional(),
  undo: z.boolean().optional(),
});

export function geminiRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.post('/gemini/setup', async (req, res) => {
    const input = validate(SetupBody, req.body);
    if (input.undo) {
      res.json(undoGeminiSetup(input.project) satisfies GeminiUndoResult);
      return;
    }
    const budget = await findBudget(ctx, input.budget ?? 'default');
    const proxyUrl = `http://127.0.0.1:${ctx.port()}${URL_PREFIX}`;
    const { file, backup, base_url } = applyGeminiSetup({ project: input.project, budget: budget.name, proxyUrl });
    res.json({ file, backup, budget: budget.name, base_url } satisfies GeminiSetupResult);
  });

  return router;
}
