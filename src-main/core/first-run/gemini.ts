/**
 * The Gemini CLI in the first run: the user-level `~/.gemini/.env`, which the CLI loads for every
 * project that has no `.gemini/.env` of its own, gets GOOGLE_GEMINI_BASE_URL with the budget in the
 * path, as `setup gemini` writes a project's; undo restores the file exactly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyGeminiSetup, PROJECT_ENV, undoGeminiSetup } from '../gemini/env-file.js';
import type { AgentEntry } from './registry.js';

export const geminiEntry: AgentEntry = {
  id: 'gemini',
  name: 'Gemini CLI',
  folder: '.gemini',
  command: 'gemini',
  setup: {
    plan: (machine) =>
      `Sets GOOGLE_GEMINI_BASE_URL (the proxy, with the budget in its path) in ${join(machine.home, PROJECT_ENV)}, which the Gemini CLI reads for every project without a .gemini/.env of its own; keeps a copy of the file for undo.`,
    apply(context) {
      const existed = existsSync(join(context.home, PROJECT_ENV));
      const { file, backup } = applyGeminiSetup({ project: context.home, budget: context.budget, proxyUrl: context.proxyUrl });
      return [{ file, action: existed ? 'modified' : 'created', backup }];
    },
    undo: (machine) => [undoGeminiSetup(machine.home)],
  },
};
