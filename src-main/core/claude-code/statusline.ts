/**
 * `statusline`: Claude Code runs it after each turn with its status JSON on stdin and shows the one
 * line it prints, e.g. `agent-budget · session $0.42 · my-agents $12.40/$25.00 daily (50%)`.
 * It asks the running app over loopback and never fails loudly: a status line must not break the UI.
 */
import type { Budget, Session } from '../../../src-shared/api.js';
import { dollarsToMicros, formatDollars } from '../money.js';
import { coreClient } from './core-client.js';
import { projectBudget } from './settings-file.js';

/** The fields of Claude Code's status JSON used here (it sends more). */
interface StatusInput {
  session_id?: string;
  cwd?: string;
  workspace?: { current_dir?: string; project_dir?: string };
}

const money = (dollars: number) => formatDollars(dollarsToMicros(dollars));

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseStatus(text: string): StatusInput {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as StatusInput) : {};
  } catch {
    return {};
  }
}

function budgetPart(budget: Budget): string {
  if (budget.max_dollars === null) return `${budget.name} ${money(budget.spent_dollars)} ${budget.period}`;
  const percent = Math.floor(budget.percent_used ?? 0);
  return `${budget.name} ${money(budget.spent_dollars)}/${money(budget.max_dollars)} ${budget.period} (${percent}%)`;
}

export async function runStatusline(stdin: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const status = parseStatus(stdin);
  const project = status.workspace?.project_dir ?? status.cwd ?? process.cwd();
  const name = projectBudget(project) ?? 'default';
  const client = coreClient(env, 400);
  try {
    const [budget, session] = await Promise.all([
      client.get<Budget>(`/api/budgets/${encodeURIComponent(name)}`),
      status.session_id ? client.get<Session>(`/api/sessions/${encodeURIComponent(status.session_id)}`) : Promise.resolve(null),
    ]);
    const parts = ['agent-budget'];
    if (status.session_id) parts.push(`session ${money(session?.cost_dollars ?? 0)}`);
    parts.push(budget ? budgetPart(budget) : `no budget '${name}'`);
    return parts.join(' · ');
  } catch {
    return 'agent-budget: not running';
  }
}
