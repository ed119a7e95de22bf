/** Everything about one budget: where it stands, charts, requests, alerts, and its settings. */
import { lazy, Suspense, useState } from 'react';
import { api } from '../api/client';
import type { BudgetDetail as Detail } from '../../src-shared/api';
import { AlertList } from '../components/AlertList';
import { BudgetActions } from '../components/BudgetActions';
import { BudgetForm } from '../components/BudgetForm';
import { ModelTable } from '../components/ModelTable';
import { ProgressBar } from '../components/ProgressBar';
import { SessionTable } from '../components/SessionTable';
import { StatCard } from '../components/StatCard';
import { Loaded, Loading } from '../components/States';
import { UsageTable } from '../components/UsageTable';
import { money, PERIOD_LABELS, percent, when } from '../format';
import { useApi } from '../hooks/useApi';
import { useMutation } from '../hooks/useMutation';
import { href } from '../hooks/useRoute';

const BudgetCharts = lazy(() => import('../charts/BudgetCharts'));

export function BudgetDetail({ id }: { id: string }) {
  const budget = useApi(() => api.budget(id), [id], ['spend', 'blocked', 'budgets']);
  return (
    <>
      <p className="breadcrumb"><a href={href.overview}>Overview</a> /</p>
      <Loaded state={budget}>{(b) => <BudgetPage budget={b} />}</Loaded>
    </>
  );
}

function BudgetPage({ budget }: { budget: Detail }) {
  const alerts = useApi(() => api.alerts({ limit: 50, budget_id: budget.id }), [budget.id], ['alert']);
  const sessions = useApi(() => api.sessions(budget.id), [budget.id], ['spend', 'blocked']);
  return (
    <>
      <header className="page-head">
        <h1>{budget.name}</h1>
        <span className="badge">{PERIOD_LABELS[budget.period]} · {budget.timezone}</span>
      </header>
      <section className="card budget-summary" aria-label="Current period">
        <p className="budget-spend">
          <span className="budget-spent" data-testid="spent">{money(budget.spent_dollars)}</span>
          <span className="muted"> of {budget.max_dollars === null ? 'no cap' : money(budget.max_dollars)}</span>
          {budget.percent_used !== null && <span className="muted"> · {percent(budget.percent_used)}</span>}
        </p>
        <ProgressBar percentUsed={budget.percent_used} label={`${budget.name} spend`} />
        <p className="muted small">
          {budget.watch_project
            ? <>Enforced for requests through the proxy; also watches Claude Code in <code>{budget.watch_project}</code>, whose logged spend counts with alerts but cannot be blocked.</>
            : 'Enforced: requests through the proxy that could cross the cap are refused before they go out.'}
        </p>
        <div className="stat-grid compact">
          <StatCard label="Remaining" value={budget.remaining_dollars === null ? 'no cap' : money(budget.remaining_dollars)} />
          <StatCard label="In flight" value={money(budget.reserved_dollars)} hint="reserved worst case" />
          <StatCard label="Period started" value={when(budget.period_start)} />
          <StatCard label="Resets" value={budget.resets_at ? when(budget.resets_at) : 'never'} />
        </div>
      </section>
      <Suspense fallback={<div className="card charts"><Loading label="Loading charts…" /></div>}>
        <BudgetCharts budgetId={budget.id} periodStart={budget.period_start} />
      </Suspense>
      <section aria-labelledby="models-heading">
        <h2 id="models-heading">By model this period</h2>
        <ModelTable models={budget.by_model} />
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Claude Code sessions this period</h2>
        <Loaded state={sessions}>{(list) => <SessionTable sessions={list} perSessionCap={budget.max_dollars_per_session} />}</Loaded>
      </section>
      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading">Requests</h2>
        <UsageTable budgetId={budget.id} models={budget.by_model.map((m) => m.model)} />
      </section>
      <div className="two-col">
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Settings</h2>
          <EditBudget key={budget.id} budget={budget} />
          <BudgetActions budget={budget} />
        </section>
        <section className="card" aria-labelledby="alerts-heading">
          <h2 id="alerts-heading">Alerts</h2>
          <Loaded state={alerts}>{(list) => <AlertList alerts={list} showBudget={false} />}</Loaded>
        </section>
      </div>
    </>
  );
}

function EditBudget({ budget }: { budget: Detail }) {
  const save = useMutation((patch: Parameters<typeof api.updateBudget>[1]) => api.updateBudget(budget.id, patch));
  const [saved, setSaved] = useState(false);
  return (
    <>
      <BudgetForm budget={budget} state={save} submitLabel="Save changes"
        onSubmit={(patch) => { setSaved(false); void save.run(patch).then((ok) => setSaved(ok !== null)); }} />
      <p className="muted" role="status">{saved ? 'Saved.' : ''}</p>
    </>
  );
}
