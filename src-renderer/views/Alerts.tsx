import { api } from '../api/client';
import { AlertList } from '../components/AlertList';
import { Loaded } from '../components/States';
import { useApi } from '../hooks/useApi';

export function Alerts() {
  const alerts = useApi(() => api.alerts({ limit: 200 }), [], ['alert', 'budgets']);
  return (
    <>
      <header className="page-head"><h1>Alerts</h1></header>
      <section className="card">
        <Loaded state={alerts}>{(list) => <AlertList alerts={list} showBudget />}</Loaded>
      </section>
    </>
  );
}
