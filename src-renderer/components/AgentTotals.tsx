/** The range's totals, each with its change against the range of equal length before it. */
import type { AgentSummary } from '../../src-shared/agent-views';
import { change } from '../agent-format';
import { count, money, tokens } from '../format';
import { StatCard } from './StatCard';

function versus(ratio: number | null | undefined, before: string | null) {
  const text = change(ratio ?? null);
  if (text === null) return before === null ? 'nothing to compare with' : 'nothing in the range before';
  return <><span className={ratio! > 0 ? 'change-up' : 'change-down'}>{text}</span> vs previous ({before})</>;
}

export function AgentTotals({ summary }: { summary: AgentSummary }) {
  const { totals, previous, change: delta } = summary;
  return (
    <div className="stat-grid agent-totals" aria-label="Totals for the range">
      <StatCard label="Cost" value={money(totals.cost_dollars)} hint={previous ? versus(delta?.cost_ratio, money(previous.cost_dollars)) : 'all time'} />
      <StatCard label="Requests" value={count(totals.requests)} hint={previous ? versus(delta?.requests_ratio, count(previous.requests)) : 'all time'} />
      <StatCard label="Sessions" value={count(totals.sessions)} hint={`in ${count(totals.projects)} ${totals.projects === 1 ? 'project' : 'projects'}`} />
      <StatCard label="Tokens" value={tokens(totals.input_tokens + totals.output_tokens + totals.cache_creation_input_tokens + totals.cache_read_input_tokens)}
        hint={`${tokens(totals.output_tokens)} output, ${tokens(totals.cache_read_input_tokens)} cache reads`} />
    </div>
  );
}
