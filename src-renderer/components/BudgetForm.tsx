/**
 * Create or edit a budget. Validation is the API's: its messages appear next to the fields they
 * name, so the page never disagrees with the core about what is allowed.
 */
import { useState, type FormEvent } from 'react';
import { PERIODS, type Budget, type BudgetInput, type Period } from '../../src-shared/api';
import { PERIOD_LABELS } from '../format';
import type { MutationState } from '../hooks/useMutation';
import { Field } from './Field';

interface Props {
  budget?: Budget;
  state: MutationState;
  submitLabel: string;
  onSubmit: (input: Partial<BudgetInput>) => void;
}

const FIELDS_SHOWN = ['name', 'max_dollars', 'period', 'timezone', 'webhook_url', 'clamp_max_tokens', 'max_dollars_per_session', 'watch_project'];

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf?.('timeZone') ?? [];
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A number when the text is one; otherwise the text itself, so the API names the problem. */
export function capValue(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

export function BudgetForm({ budget, state, submitLabel, onSubmit }: Props) {
  const [name, setName] = useState(budget?.name ?? '');
  const [cap, setCap] = useState(budget?.max_dollars === null || !budget ? '' : String(budget.max_dollars));
  const [period, setPeriod] = useState<Period>(budget?.period ?? 'daily');
  const [timezone, setTimezone] = useState(budget?.timezone ?? LOCAL_ZONE);
  // The API shows webhook URLs masked: only a newly typed URL (or a removal) is sent back.
  const [webhook, setWebhook] = useState('');
  const [removeWebhook, setRemoveWebhook] = useState(false);
  const [clamp, setClamp] = useState(budget?.clamp_max_tokens ?? false);
  const [perSession, setPerSession] = useState(budget?.max_dollars_per_session == null ? '' : String(budget.max_dollars_per_session));
  const [watch, setWatch] = useState(budget?.watch_project ?? '');
  const errors = state.fieldErrors;
  // The summary repeats what the fields already say; show it only when some of it would be lost.
  const showSummary = Object.keys(errors).length === 0 || Object.keys(errors).some((field) => !FIELDS_SHOWN.includes(field));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: Partial<BudgetInput> = { max_dollars: capValue(cap), period, timezone, clamp_max_tokens: clamp, max_dollars_per_session: capValue(perSession), watch_project: watch.trim() || null };
    if (!budget) input.name = name.trim();
    if (webhook.trim()) input.webhook_url = webhook.trim();
    else if (removeWebhook || !budget) input.webhook_url = null;
    onSubmit(input);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={budget ? `Edit ${budget.name}` : 'New budget'}>
      {!budget && (
        <Field label="Name" error={errors.name} hint="Sent by clients as the X-Budget-Id header; not all digits.">
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required placeholder="my-agents" />
        </Field>
      )}
      <Field label="Cap (USD)" error={errors.max_dollars} hint="Leave empty for no cap.">
        <input value={cap} onChange={(e) => setCap(e.target.value)} inputMode="decimal" placeholder="25.00" />
      </Field>
      <Field label="Cap per Claude Code session (USD)" error={errors.max_dollars_per_session} hint="Optional: what one session may spend per period.">
        <input value={perSession} onChange={(e) => setPerSession(e.target.value)} inputMode="decimal" placeholder="no per-session cap" />
      </Field>
      <Field label="Watch a Claude Code project (folder)" error={errors.watch_project}
        hint="Optional: this project's Claude Code logs count against the cap, with alerts. Watching cannot block; requests through the proxy are enforced.">
        <input value={watch} onChange={(e) => setWatch(e.target.value)} autoComplete="off" placeholder="/home/you/code/my-app" />
      </Field>
      <div className="form-row">
        <Field label="Period" error={errors.period}>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {PERIODS.map((p) => <option key={p} value={p}>{PERIOD_LABELS[p]}</option>)}
          </select>
        </Field>
        <Field label="Time zone" error={errors.timezone} hint="Periods reset at midnight here.">
          <input value={timezone} onChange={(e) => setTimezone(e.target.value)} list="time-zones" autoComplete="off" />
        </Field>
        <datalist id="time-zones">{TIME_ZONES.map((zone) => <option key={zone} value={zone} />)}</datalist>
      </div>
      <Field label="Alert webhook URL" error={errors.webhook_url}
        hint={budget?.webhook_url ? `Current: ${budget.webhook_url}. Type a new URL to replace it.` : 'Receives a POST at 50%, 80% and 100% of the cap.'}>
        <input value={webhook} onChange={(e) => setWebhook(e.target.value)} type="url" placeholder="https://hooks.example.com/…" autoComplete="off" />
      </Field>
      {budget?.webhook_url && (
        <label className="check">
          <input type="checkbox" checked={removeWebhook} onChange={(e) => setRemoveWebhook(e.target.checked)} /> Remove the webhook
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={clamp} onChange={(e) => setClamp(e.target.checked)} />
        <span>Clamp <code>max_tokens</code> to what the remaining money covers instead of refusing</span>
      </label>
      {errors.clamp_max_tokens && <small className="field-error" role="alert">{errors.clamp_max_tokens}</small>}
      {state.error && showSummary && <p className="form-error" role="alert">{state.error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={state.busy}>{state.busy ? 'Saving…' : submitLabel}</button>
      </div>
    </form>
  );
}
