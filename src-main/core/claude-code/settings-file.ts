/**
 * A Claude Code settings file (a project's `.claude/settings.local.json`, or the user's
 * `~/.claude/settings.json` for every project): points Claude Code at the proxy with a budget header,
 * merged into what the user has, with a backup that `undo` restores exactly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { backUpOnce, type UndoResult, undoSetupFile } from '../setup-backup.js';

export type { UndoResult };

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
  /** The status-line command to show spend in Claude Code; set unless the user has a status line of their own. */
  statusLine?: string | null;
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

/** A status line we may replace: none yet, or one of ours (an earlier setup's `… statusline`). */
function isOursOrAbsent(statusLine: unknown): boolean {
  if (statusLine === undefined) return true;
  const command = (statusLine as Json | null)?.command;
  return typeof command === 'string' && /(agent-budget|cli\.js)"?\s+statusline$/.test(command);
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

export type SettingsFileSetup = Omit<ClaudeCodeSetup, 'project'>;

export function applyClaudeCodeSetup(setup: ClaudeCodeSetup): { file: string; backup: string | null } {
  return applyToSettingsFile(join(setup.project, LOCAL_SETTINGS), setup);
}

export function undoClaudeCodeSetup(project: string): { file: string; result: UndoResult } {
  const file = join(project, LOCAL_SETTINGS);
  return { file, result: undoSetupFile(file) };
}

/** Writes the proxy and budget into `file` (created when absent); the first write keeps what was there for undo. */
export function applyToSettingsFile(file: string, setup: SettingsFileSetup): { file: string; backup: string | null } {
  const settings = readJson(file) ?? {};
  mkdirSync(dirname(file), { recursive: true });
  const backup = backUpOnce(file);
  const env: Json = { ...((settings.env as Json | undefined) ?? {}) };
  env.ANTHROPIC_BASE_URL = setup.proxyUrl;
  env.ANTHROPIC_CUSTOM_HEADERS = withBudgetHeader(env.ANTHROPIC_CUSTOM_HEADERS, setup.budget);
  if (setup.maxOutputTokens) env.CLAUDE_CODE_MAX_OUTPUT_TOKENS = String(setup.maxOutputTokens);
  const statusLine = setup.statusLine && isOursOrAbsent(settings.statusLine) ? { statusLine: { type: 'command', command: setup.statusLine } } : {};
  writeFileSync(file, `${JSON.stringify({ ...settings, env, ...statusLine }, null, 2)}\n`);
  return { file, backup };
}

