/**
 * The 402 message. Claude Code shows it verbatim, so it names the budget, what is spent and held,
 * the cap, the request's possible cost and the reset time. It does not tell an agent how to lift the cap.
 */
import type { AdmitResult } from '../ledger/types.js';
import { formatDollars } from '../money.js';
import { currentPeriod } from '../period.js';
import type { BudgetRow } from '../store/types.js';

type Refusal = Extract<AdmitResult, { ok: false }>;

function localTime(time: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(time);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

function resetClause(row: BudgetRow, now: number): string {
  const end = currentPeriod(row.period, row.timezone, now).end;
  return end === null ? 'this budget does not reset (period: total)' : `resets ${localTime(end, row.timezone)}`;
}

export function refusalMessage(refusal: Refusal, now: number): string {
  if (refusal.reason === 'paused') {
    return `agent-budget is paused: every metered request is refused until it is resumed (budget '${refusal.budget.name}').`;
  }
  if (refusal.reason === 'session' && refusal.session) {
    const { session } = refusal;
    return (
      `Session ${session.session_id.slice(0, 8)} cannot cover this request within budget '${refusal.budget.name}': it has used ` +
      `${formatDollars(session.used_micros)} of its ${formatDollars(session.max_micros)} per-session cap; this request may cost up to ` +
      `${formatDollars(refusal.worst_case_micros)}; ${resetClause(refusal.budget, now)}`
    );
  }
  const cap = refusal.cap;
  const subject = refusal.reason === 'global' ? `The global cap (${cap.period})` : `Budget '${cap.name}'`;
  return (
    `${subject} cannot cover this request: ${formatDollars(cap.spent_micros)} spent and ${formatDollars(cap.reserved_micros)} ` +
    `reserved by requests in flight, of ${formatDollars(cap.max_micros ?? 0)}; this request may cost up to ` +
    `${formatDollars(refusal.worst_case_micros)}; ${resetClause(cap, now)}`
  );
}
