/** One budget on the overview: spend against cap, what is left, when it resets, where it is heading. */
import type { Budget } from '../../src-shared/api';
import { money, PERIOD_LABELS, when } from '../format';
import { href } from '../hooks/useRoute';
import { project } from '../projection';
import { ProgressBar } from './ProgressBar';

export function BudgetCard({ budget, burnPerHour }: { budget: Budget; burnPerHour: number | undefined }) {
  const projection = burnPerHour === undefined ? null : project(budget, burnPerHour);
  return (
    <article className="card budget-card" aria-labelledby={`budget-${budget.id}-name`}>
      <header className="budget-card-head">
        <h3 id={`budget-${budget.id}-name`}><a href={href.budget(budget.id)}>{budget.name}</a></h3>
        <span className="badge">{PERIOD_LABELS[budget.period]}</span>
      </header>
      <p className="budget-spend">
        <span className="budget-spent" data-testid="spent">{money(budget.spent_dollars)}</span>
        <span className="muted"> of {budget.max_dollars === null ? 'no cap' : money(budget.max_dollars)}</span>
      </p>
      <ProgressBar percentUsed={budget.percent_used} label={`${budget.name} spend`} />
      {budget.watch_project && <p className="muted small">Watches Claude Code in <code>{budget.watch_project}</code>: alerts only</p>}
      <dl className="budget-facts">
        <div><dt>Remaining</dt><dd>{budget.remaining_dollars === null ? '—' : money(budget.remaining_dollars)}</dd></div>
        <div><dt>Resets</dt><dd>{budget.resets_at ? when(budget.resets_at) : 'never'}</dd></div>
        <div><dt>Burn rate</dt><dd>{projection ? `${money(projection.burnPerHour)}/h` : '…'}</dd></div>
      </dl>
      {projection && <Outlook budget={budget} atReset={projection.atReset} runsOutAt={projection.runsOutAt} />}
    </article>
  );
}

function Outlook({ budget, atReset, runsOutAt }: { budget: Budget; atReset: number | null; runsOutAt: Date | null }) {
  if (runsOutAt) return <p className="outlook outlook-bad">At this rate it runs out at {when(runsOutAt.getTime())}</p>;
  if (atReset === null || budget.spent_dollars === 0) return null;
  return <p className="outlook">Projected {money(atReset)} by reset</p>;
}
