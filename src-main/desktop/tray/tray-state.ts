/**
 * What the tray shows, decided from the budgets: the figure (today's spend across budgets, or one
 * budget's spend this period), its colour level, and the tooltip with the detail (and the progress
 * of reading the agents' logs, while it reads).
 */
import type { Budget } from '../../../src-shared/api.js';
import { dollarsToMicros, formatDollars } from '../../core/money.js';
import { providerLabel } from '../../../src-shared/providers.js';
import type { AgentLogStatus } from '../../../src-shared/agents.js';
import { importProgressLines } from './import-progress.js';
import type { TrayLevel } from './tray-icon.js';

/** `today` (all budgets) or `budget:<name>`. */
export type TrayFigure = 'today' | `budget:${string}`;

export interface TrayInput {
  budgets: Budget[];
  /** Settled spend since local midnight, across budgets. */
  todayMicros: number;
  /** Today's settled spend per provider (`anthropic`, `openai`, `gemini`), largest first. */
  todayByProvider: { name: string; cost_micros: number }[];
  paused: boolean;
  figure: TrayFigure;
  /**
   * Budget id → the period_start in which it refused a request for lack of money. Strict
   * reservation stops spend just short of the cap, so a refusal is what marks a budget exhausted.
   */
  refusedIn: ReadonlyMap<number, string>;
  /** The agents' log imports: a pass reading shows its progress. */
  imports: readonly AgentLogStatus[];
}

export interface TrayState {
  /** The amount alone (`$12.40`), as drawn into Windows/Linux icons. */
  amountMicros: number;
  /** macOS tray title: the amount, prefixed by the budget's name when the figure is one budget. */
  title: string;
  tooltip: string;
  level: TrayLevel;
}

const SEVERITY: Record<TrayLevel, number> = { normal: 0, warning: 1, exhausted: 2 };

export function budgetLevel(budget: Budget, refusedIn: ReadonlyMap<number, string>): TrayLevel {
  if (budget.max_dollars === null) return 'normal';
  if ((budget.percent_used ?? 0) >= 100 || refusedIn.get(budget.id) === budget.period_start) return 'exhausted';
  return (budget.percent_used ?? 0) >= 80 ? 'warning' : 'normal';
}

/** `my-agents  $12.40 / $25.00 daily`; an uncapped budget says so. */
export function budgetLine(budget: Budget): string {
  const spent = formatDollars(dollarsToMicros(budget.spent_dollars));
  if (budget.max_dollars === null) return `${budget.name}  ${spent} ${budget.period}, no cap`;
  return `${budget.name}  ${spent} / ${formatDollars(dollarsToMicros(budget.max_dollars))} ${budget.period}`;
}

/** `Anthropic $3.10 · OpenAI $0.42 · Gemini $0.20`, only when more than one provider was used today. */
function providerLine(byProvider: TrayInput['todayByProvider']): string[] {
  if (byProvider.length < 2) return [];
  return [byProvider.map((p) => `${providerLabel(p.name)} ${formatDollars(p.cost_micros)}`).join(' · ')];
}

export function trayState(input: TrayInput): TrayState {
  const chosen = input.figure === 'today' ? undefined : input.budgets.find((b) => `budget:${b.name}` === input.figure);
  const amountMicros = chosen ? dollarsToMicros(chosen.spent_dollars) : input.todayMicros;
  const amount = formatDollars(amountMicros);
  const worst = input.budgets
    .map((budget) => budgetLevel(budget, input.refusedIn))
    .reduce<TrayLevel>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'normal');
  const heading = chosen
    ? `agent-budget: ${chosen.name} has spent ${amount} this ${chosen.period === 'total' ? 'budget' : 'period'}`
    : `agent-budget: ${amount} spent today across all budgets`;
  const lines = [heading, ...providerLine(input.todayByProvider), ...(input.paused ? ['Paused: every metered request is refused'] : []), ...input.budgets.map(budgetLine), ...importProgressLines(input.imports)];
  return {
    amountMicros,
    title: chosen ? `${chosen.name} ${amount}` : amount,
    tooltip: lines.join('\n'),
    level: input.paused ? 'exhausted' : worst,
  };
}
