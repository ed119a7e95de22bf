/** Where the money is going right now: totals, every budget's state, and what was refused. */
import { api } from '../api/client';
import type { Budget, Stats } from '../../src-shared/api';
import { providerLabel } from '../../src-shared/providers';
import { BlockedList } from '../components/BlockedList';
import { BudgetCard } from '../components/BudgetCard';
import { StatCard } from '../components/StatCard';
import { Empty, Loaded } from '../components/States';
import { count, money } from '../format';
import { useApi } from '../hooks/useApi';
import { useBurnRates } from '../hooks/useBurnRates';
import { href } from '../hooks/useRoute';

export function Overview() {
  const stats = useApi(api.stats, [], ['spend', 'blocked', 'budgets']);
  const budgets = useApi(api.budgets, [], ['spend', 'blocked', 'budgets']);
  const blocked = useApi(() => api.recentBlocked(8), [], ['blocked', 'budgets']);
  const burnRates = useBurnRates(budgets.data);

  return (
    <>
      <header className="page-head">
        <h1>Overview</h1>
        <a className="button primary" href={href.newBudget}>New budget</a>
      </header>
      <Loaded state={stats}>{(s) => <StatCards stats={s} budgets={budgets.data} burnRates={burnRates} />}</Loaded>
      <section aria-labelledby="budgets-heading">
        <h2 id="budgets-heading">Budgets</h2>
        <Loaded state={budgets}>
          {(list) => list.length === 0
            ? <Empty title="No budgets yet"><a href={href.newBudget}>Create one</a> and point your tools at it (see <a href={href.setup}>Setup</a>).</Empty>
            : <div className="card-grid">{list.map((b) => <BudgetCard key={b.id} budget={b} burnPerHour={burnRates?.get(b.id)} />)}</div>}
        </Loaded>
      </section>
      <section aria-labelledby="blocked-heading">
        <h2 id="blocked-heading">Recently blocked</h2>
        <Loaded state={blocked}>{(items) => <BlockedList items={items} />}</Loaded>
      </section>
    </>
  );
}

interface StatProps {
  stats: Stats;
  budgets: Budget[] | undefined;
  burnRates: Map<number, number> | undefined;
}

function StatCards({ stats, budgets, burnRates }: StatProps) {
  const thisPeriod = budgets?.reduce((sum, b) => sum + b.spent_dollars, 0);
  // The sum of the budgets' own rates, so the total agrees with the cards below.
  const burn = burnRates && [...burnRates.values()].reduce((sum, rate) => sum + rate, 0);
  return (
    <div className="stat-grid">
      <StatCard label="Today" value={money(stats.today_dollars)} />
      <StatCard label="This period" value={thisPeriod === undefined ? '…' : money(thisPeriod)} hint="across budgets' current periods" />
      <StatCard label="This month" value={money(stats.month_dollars)} hint={[`${money(stats.total_dollars)} all time`, ...providerSplit(stats)].join(' · ')} />
      <StatCard label="Burn rate" value={burn === undefined ? '…' : `${money(burn)}/h`} hint={`${money(stats.last_hour_dollars)} spent recently`} />
      <StatCard label="Requests" value={count(stats.requests)} hint={`${count(stats.blocked_requests)} blocked`} />
    </div>
  );
}

/** `Anthropic $3.10`, `OpenAI $0.42`, `Gemini $0.20`: shown only when more than one provider was used this month. */
function providerSplit(stats: Stats): string[] {
  if (stats.by_provider.length < 2) return [];
  return stats.by_provider.map((p) => `${providerLabel(p.provider)} ${money(p.cost_dollars)}`);
}
