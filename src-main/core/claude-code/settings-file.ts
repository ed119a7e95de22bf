/**
 * A project's `.claude/settings.local.json`: points Claude Code at the proxy with a budget header,
 * merged into what the user has, with a backup that `undo` restores exactly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { backUpOnce, type UndoResult, undoSetupFile } from '../setup-backup.js';

export const LOCAL_SETTINGS = join('.claude', 'settings.local.json');
const SHARED_SETTINGS = join('.claude', 'settings.json');
const BUDGET_HEADER = /^x-budget-id\s*:\s*(.+)$/i;

type Json = Record<string, unknown>;

export interface ClaudeCodeSetup {
  project: string;
  budget: string;
  /** The proxy's base URL, e.g. http://127.0.0.1:4727/agent-budget. */
  proxyUrl: string;
  /** CLAUDE_CODE_MAX_OUTPUT_TOKENS: a smaller worst case per request lets more agents share a small budget. */
  maxOutputTokens?: number | null;
}

function readJson(file: string): Json | null {
  if (!existsSync(file)) return null;
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  } catch {
    // Reported below: never overwrite a file we cannot read.
  }
  throw new AppError('invalid_request_error', `${file} is not a JSON object; fix or remove it, then run setup again.`);
}

/** `ANTHROPIC_CUSTOM_HEADERS` holds one `Name: value` per line; ours replaces any earlier budget header. */
function withBudgetHeader(existing: unknown, budget: string): string {
  const lines = typeof existing === 'string' ? existing.split(/\r?\n/).filter((line) => line.trim() !== '' && !BUDGET_HEADER.test(line.trim())) : [];
  return [...lines, `X-Budget-Id: ${budget}`].join('\n');
}

/** The budget a project's Claude Code settings name, if any (local settings first, as Claude Code reads them). */
export function projectBudget(project: string): string | null {
  for (const file of [LOCAL_SETTINGS, SHARED_SETTINGS]) {
    let settings: Json | null;
    try {
      settings = readJson(join(project, file));
    } catch {
      continue;
    }
    const headers = (settings?.env as Json | undefined)?.ANTHROPIC_CUSTOM_HEADERS;
    if (typeof headers !== 'string') continue;
    for (const line of headers.split(/\r?\n/)) {
      const match = BUDGET_HEADER.exec(line.trim());
      if (match) return match[1].trim();
    }
  }
  return null;
}

export function applyClaudeCodeSetup(setup: ClaudeCodeSetup): { file: string; backup: string | null } {
  const file = join(setup.project, LOCAL_SETTINGS);
  const settings = readJson(file) ?? {};
  mkdirSync(dirname(file), { recursive: true });
  const backup = backUpOnce(file);
  const env: Json = { ...((settings.env as Json | undefined) ?? {}) };
  env.ANTHROPIC_BASE_URL = setup.proxyUrl;
  env.ANTHROPIC_CUSTOM_HEADERS = withBudgetHeader(env.ANTHROPIC_CUSTOM_HEADERS, setup.budget);
  if (setup.maxOutputTokens) env.CLAUDE_CODE_MAX_OUTPUT_TOKENS = String(setup.maxOutputTokens);
  writeFileSync(file, `${JSON.stringify({ ...settings, env }, null, 2)}\n`);
  return { file, backup };
}

export function undoClaudeCodeSetup(project: string): { file: string; result: UndoResult } {
  const file = join(project, LOCAL_SETTINGS);
  return { file, result: undoSetupFile(file) };
}
