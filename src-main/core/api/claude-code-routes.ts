/** POST /api/claude-code/setup: the Setup view's "put this project on a budget" button (admin token required). */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { applyClaudeCodeSetup, undoClaudeCodeSetup } from '../claude-code/settings-file.js';
import { URL_PREFIX } from '../core.js';
import { findBudget } from './budget-routes.js';
import type { ApiContext } from './context.js';
import { contractRouter } from './contract-router.js';
import { validate } from './errors.js';

/** A project folder named by the dashboard: absolute, and present on this machine. */
export const ProjectFolder = z
  .string({ error: 'is required' })
  .refine(isAbsolute, { error: 'must be an absolute path', abort: true })
  .refine((dir) => existsSync(dir) && statSync(dir).isDirectory(), 'is not a folder on this machine');

const SetupBody = z.strictObject({
  project: ProjectFolder,
  budget: z.string().min(1, 'is required').optional(),
  max_output_tokens: z.number().int().positive('must be a positive whole number').nullable().optional(),
  undo: z.boolean().optional(),
});

export function claudeCodeRoutes(ctx: ApiContext) {
  const api = contractRouter();

  api.post('/claude-code/setup', async (req) => {
    const input = validate(SetupBody, req.body);
    if (input.undo) return undoClaudeCodeSetup(input.project);
    const budget = await findBudget(ctx, input.budget ?? 'default');
    const proxyUrl = `http://127.0.0.1:${ctx.port()}${URL_PREFIX}`;
    const { file, backup } = applyClaudeCodeSetup({ project: input.project, budget: budget.name, proxyUrl, maxOutputTokens: input.max_output_tokens });
    return { file, backup, budget: budget.name, proxy_url: proxyUrl };
  });

  return api.router;
}
