/**
 * The core's own settings: the default budget's rules, the global cap over all budgets, retention,
 * failing open, allowed browser origins. Validation is the API's, shown next to the fields.
 */
import { useState, type FormEvent } from 'react';
import { PERIODS, type CoreSettings, type CoreSettingsInput, type Period } from '../../src-shared/api';
import { PERIOD_LABELS } from '../format';
import type { MutationState } from '../hooks/useMutation';
import { Field } from './Field';

const FIELDS_SHOWN = ['default_max_dollars', 'default_period', 'auto_create_budgets', 'global_max_dollars', 'global_period', 'retention_days', 'fail_open', 'allowed_origins'];

/** Empty is "none"; a number is sent as one; anything else is sent as typed, for the API to name. */
function numberOrNull(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

const text = (value: number | null) => (value === null ? '' : String(value));

export function SettingsForm({ settings, state, onSubmit }: { settings: CoreSettings; state: MutationState; onSubmit: (input: CoreSettingsInput) => void }) {
  const [defaultCap, setDefaultCap] = useState(text(settings.default_max_dollars));
  const [defaultPeriod, setDefaultPeriod] = useState<Period>(settings.default_period);
  const [autoCreate, setAutoCreate] = useState(settings.auto_create_budgets);
  const [globalCap, setGlobalCap] = useState(text(settings.global_max_dollars));
  const [globalPeriod, setGlobalPeriod] = useState<Period>(settings.global_period);
  const [retention, setRetention] = useState(String(settings.retention_days));
  const [failOpen, setFailOpen] = useState(settings.fail_open);
  const [origins, setOrigins] = useState(settings.allowed_origins.join('\n'));
  const errors = state.fieldErrors;
  const showSummary = Object.keys(errors).length === 0 || Object.keys(errors).some((field) => !FIELDS_SHOWN.some((shown) => field.startsWith(shown)));
  const originsError = Object.entries(errors).find(([field]) => field.startsWith('allowed_origins'))?.[1];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      default_max_dollars: numberOrNull(defaultCap),
      default_period: defaultPeriod,
      auto_create_budgets: autoCreate,
      global_max_dollars: numberOrNull(globalCap),
      global_period: globalPeriod,
      retention_days: numberOrNull(retention),
      fail_open: failOpen,
      allowed_origins: origins.split('\n').map((line) => line.trim()).filter(Boolean),
    });
  };

  const periodSelect = (value: Period, set: (p: Period) => void) => (
    <select value={value} onChange={(e) => set(e.target.value as Period)}>
      {PERIODS.map((p) => <option key={p} value={p}>{PERIOD_LABELS[p]}</option>)}
    </select>
  );

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Core settings">
      <h2>Budgets created on the fly</h2>
      <div className="form-row">
        <Field label="Default cap (USD)" error={errors.default_max_dollars} hint="For requests with no budget header (the default budget) and budgets created automatically. Empty: no cap.">
          <input value={defaultCap} onChange={(e) => setDefaultCap(e.target.value)} inputMode="decimal" />
        </Field>
        <Field label="Default period" error={errors.default_period}>{periodSelect(defaultPeriod, setDefaultPeriod)}</Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={autoCreate} onChange={(e) => setAutoCreate(e.target.checked)} />
        <span>Create a budget automatically when a request names one that does not exist (otherwise it is refused with 404)</span>
      </label>
      <h2>Global cap</h2>
      <div className="form-row">
        <Field label="Global cap (USD)" error={errors.global_max_dollars} hint="Across all budgets together. Empty: none.">
          <input value={globalCap} onChange={(e) => setGlobalCap(e.target.value)} inputMode="decimal" />
        </Field>
        <Field label="Global period" error={errors.global_period}>{periodSelect(globalPeriod, setGlobalPeriod)}</Field>
      </div>
      <h2>Data and safety</h2>
      <Field label="Keep request records (days)" error={errors.retention_days} hint="Older request rows are deleted; budget totals and charts keep their figures.">
        <input value={retention} onChange={(e) => setRetention(e.target.value)} inputMode="numeric" />
      </Field>
      <label className="check">
        <input type="checkbox" checked={failOpen} onChange={(e) => setFailOpen(e.target.checked)} />
        <span>Fail open: forward requests unmetered when the database cannot be written (off: refuse them)</span>
      </label>
      <Field label="Browser origins allowed to use the proxy" error={originsError} hint="One per line, e.g. http://localhost:3000. Web pages are refused unless listed.">
        <textarea value={origins} onChange={(e) => setOrigins(e.target.value)} rows={3} />
      </Field>
      {state.error && showSummary && <p className="form-error" role="alert">{state.error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={state.busy}>{state.busy ? 'Saving…' : 'Save settings'}</button>
      </div>
    </form>
  );
}
