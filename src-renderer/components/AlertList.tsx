/** Threshold alerts and what happened when each was sent to its webhook. */
import type { Alert, Delivery } from '../../src-shared/api';
import { money, when } from '../format';
import { href } from '../hooks/useRoute';
import { Empty } from './States';

export function AlertList({ alerts, showBudget }: { alerts: Alert[]; showBudget: boolean }) {
  if (alerts.length === 0) return <Empty title="No alerts yet">Alerts are raised at 50%, 80% and 100% of a cap.</Empty>;
  return (
    <ol className="alert-list">
      {alerts.map((alert) => (
        <li key={alert.id} className={`alert-item threshold-${alert.threshold}`}>
          <span className="alert-threshold" aria-label={`${alert.threshold} percent`}>{alert.threshold}%</span>
          <div className="alert-body">
            <p>
              {showBudget && <><a href={href.budget(alert.budget_id)}>{alert.budget_name}</a> · </>}
              {money(alert.spent_dollars)} of {money(alert.max_dollars)}
            </p>
            <small className="muted">{when(alert.created_at)}</small>
          </div>
          <Deliveries deliveries={alert.deliveries} />
        </li>
      ))}
    </ol>
  );
}

function Deliveries({ deliveries }: { deliveries: Delivery[] }) {
  if (deliveries.length === 0) return <span className="muted delivery">no webhook</span>;
  const last = deliveries[deliveries.length - 1];
  const ok = last.status_code !== null && last.status_code < 300;
  const tries = deliveries.length > 1 ? ` after ${deliveries.length} tries` : '';
  const detail = deliveries.map((d) => `${when(d.attempted_at)}: ${d.status_code ?? d.error ?? 'no answer'}`).join('\n');
  return (
    <span className={`delivery ${ok ? 'delivery-ok' : 'delivery-failed'}`} title={detail}>
      {ok ? `delivered (${last.status_code})${tries}` : `failed: ${last.error ?? `HTTP ${last.status_code}`}${tries}`}
    </span>
  );
}
