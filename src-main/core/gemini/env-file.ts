/**
 * A project's `.gemini/.env`, which the Gemini CLI loads at start: setup points
 * GOOGLE_GEMINI_BASE_URL at the proxy with the budget in the path (the CLI can set no headers),
 * keeps every other line as it was, and backs the file up so that undo restores it exactly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backUpOnce, type UndoResult, undoSetupFile } from '../setup-backup.js';

export const PROJECT_ENV = join('.gemini', '.env');
const BASE_URL_LINE = /^\s*(?:export\s+)?GOOGLE_GEMINI_BASE_URL\s*=/;

export interface GeminiSetup {
  project: string;
  budget: string;
  /** The proxy's base URL, e.g. http://127.0.0.1:4727/agent-budget. */
  proxyUrl: string;
}

/** The base URL that names the budget: `…/agent-budget/b/<budget>/gemini`. */
export function geminiBaseUrl(proxyUrl: string, budget: string): string {
  return `${proxyUrl}/b/${encodeURIComponent(budget)}/gemini`;
}

export function applyGeminiSetup(setup: GeminiSetup): { file: string; backup: string | null; base_url: string } {
  const file = join(setup.project, PROJECT_ENV);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/) : [];
  if (lines.at(-1) === '') lines.pop();
  mkdirSync(dirname(file), { recursive: true });
  const backup = backUpOnce(file);
  const baseUrl = geminiBaseUrl(setup.proxyUrl, setup.budget);
  const kept = lines.filter((line) => !BASE_URL_LINE.test(line));
  writeFileSync(file, [...kept, `GOOGLE_GEMINI_BASE_URL=${baseUrl}`, ''].join('\n'));
  return { file, backup, base_url: baseUrl };
}

export function undoGeminiSetup(project: string): { file: string; result: UndoResult } {
  const file = join(project, PROJECT_ENV);
  return { file, result: undoSetupFile(file) };
}
