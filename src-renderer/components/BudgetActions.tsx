/** The budget's riskier buttons: test its webhook, delete it (after confirmation). */
import { useState } from 'react';
import { api } from '../api/client';
import type { Budget } from '../../src-shared/api';
import { useMutation } from '../hooks/useMutation';
import { href } from '../hooks/useRoute';
import { ConfirmDialog } from './ConfirmDialog';

export function BudgetActions({ budget }: { budget: Budget }) {
  const [confirming, setConfirming] = useState(false);
  const webhook = useMutation(api.testWebhook);
  const [webhookResult, setWebhookResult] = useState<string>();
  const remove = useMutation(api.deleteBudget);

  const testWebhook = async () => {
    setWebhookResult(undefined);
    const result = (await webhook.run(budget.id))?.value;
    if (result) setWebhookResult(result.delivered ? `Delivered (HTTP ${result.status_code})` : `Not delivered: ${result.error ?? `HTTP ${result.status_code}`}`);
  };
  const confirmDelete = async () => {
    if (await remove.run(budget.id)) {
      setConfirming(false);
      window.location.hash = href.overview;
    }
  };

  return (
    <div className="budget-actions">
      <div>
        <button type="button" onClick={() => void testWebhook()} disabled={!budget.webhook_url || webhook.busy}
          title={budget.webhook_url ? undefined : 'Set a webhook URL first'}>
          {webhook.busy ? 'Sending…' : 'Send test webhook'}
        </button>
        <p className="muted" role="status">{webhook.error ?? webhookResult}</p>
      </div>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>Delete budget</button>
      <ConfirmDialog title={`Delete ${budget.name}?`} open={confirming} confirmLabel="Delete" busy={remove.busy}
        onConfirm={() => void confirmDelete()} onCancel={() => setConfirming(false)}>
        <p>This deletes the budget and all of its usage records. It cannot be undone.</p>
        {remove.error && <p className="form-error" role="alert">{remove.error}</p>}
      </ConfirmDialog>
    </div>
  );
}
