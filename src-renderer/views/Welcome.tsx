/**
 * The first run: the agents found on this machine, a first budget, and each agent put on it in one
 * click, showing which files changed (with undo). Finishing or skipping it leads to the dashboard.
 */
import { useState, type FormEvent } from 'react';
import type { Budget } from '../../src-shared/api';
import type { FirstRunAgent, FirstRunChange, FirstRunStatus } from '../../src-shared/first-run';
import type { BudgetInput } from '../../src-shared/api';
import { api, ApiError } from '../api/client';
import { firstRunApi } from '../api/firstRun';
import { capValue } from '../components/BudgetForm';
import { Field } from '../components/Field';
import { Loaded } from '../components/States';
import { money } from '../format';
import { useApi } from '../hooks/useApi';
import { useMutation } from '../hooks/useMutation';
import { href } from '../hooks/useRoute';

function describeChange(change: FirstRunChange): string {
  if (change.action === 'created') return `Created ${change.file}`;
  return change.backup ? `Changed ${change.file} (your original is kept as ${change.backup})` : `Changed ${change.file}`;
}

/** Creates the budget, or adopts one of that name made earlier (a reload mid-walkthrough). */
async function createOrAdopt(input: Partial<BudgetInput> & { name: string }): Promise<Budget> {
  try {
    return await api.createBudget(input);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return api.budget(input.name);
    throw error;
  }
}

function FirstBudget({ status, budget, onCreated }: { status: FirstRunStatus; budget: Budget | undefined; onCreated: (budget: Budget) => void }) {
  const [name, setName] = useState(status.proposed_budget.name);
  const [amount, setAmount] = useState(String(status.proposed_budget.max_dollars));
  const create = useMutation(createOrAdopt);
  if (budget) {
    return <p role="status" className="status-ok">Budget <strong>{budget.name}</strong>: {money(budget.max_dollars)} {budget.period === 'daily' ? 'a day' : budget.period}. Requests that could go over it are refused before they cost anything.</p>;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run({ name: name.trim(), max_dollars: capValue(amount), period: status.proposed_budget.period }).then((created) => created && onCreated(created.value));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="First budget">
      <div className="form-row">
        <Field label="Budget name" error={create.fieldErrors.name} hint="Agents name it in the X-Budget-Id header.">
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Dollars per day" error={create.fieldErrors.max_dollars} hint="A busy day of a coding agent at API prices is often $10–30.">
          <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
        </Field>
      </div>
      {create.error && Object.keys(create.fieldErrors).length === 0 && <p className="form-error" role="alert">{create.error}</p>}
      <div className="actions"><button type="submit" className="primary" disabled={create.busy}>Create budget</button></div>
    </form>
  );
}

function AgentRow({ agent, budget, onChange }: { agent: FirstRunAgent; budget: Budget | undefined; onChange: () => void }) {
  const setup = useMutation(firstRunApi.setup);
  const undo = useMutation(firstRunApi.undo);
  const [undone, setUndone] = useState<string[]>();
  const act = async (action: 'setup' | 'undo') => {
    setUndone(undefined);
    if (action === 'setup' && budget) await setup.run(agent.id, budget.name);
    if (action === 'undo') {
      const result = await undo.run(agent.id);
      if (result) setUndone(result.value.undone.map((u) => `${u.file}: ${u.result}`));
    }
    onChange();
  };
  const error = setup.error ?? undo.error;
  return (
    <li className="card" aria-label={agent.name}>
      <h3>{agent.name} <span className="badge">{agent.found ? 'found' : 'not found'}</span></h3>
      {agent.found ? <ul className="muted">{agent.evidence.map((line) => <li key={line}>{line}</li>)}</ul> : <p className="muted">Not on this machine: looked for {agent.looked_for.join(' and ')}.</p>}
      {agent.found && !agent.applied && (
        <>
          <p>{agent.plan}</p>
          <div className="actions">
            <button type="button" className="primary" disabled={!budget || setup.busy} onClick={() => void act('setup')}>Set up {agent.name}</button>
          </div>
        </>
      )}
      {agent.applied && (
        <>
          <p role="status" className="status-ok">{agent.name} is on budget <strong>{agent.applied.budget}</strong>. What changed:</p>
          <ul>{agent.applied.changes.map((change) => <li key={change.file}>{describeChange(change)}</li>)}</ul>
          <div className="actions"><button type="button" disabled={undo.busy} onClick={() => void act('undo')}>Undo</button></div>
        </>
      )}
      {undone && <p role="status">Undone: {undone.join('; ')}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
    </li>
  );
}

export function Welcome() {
  const status = useApi(firstRunApi.status, [], []);
  const [budget, setBudget] = useState<Budget>();
  const complete = useMutation(firstRunApi.complete);
  const finish = (to: string) => void complete.run().then((done) => done && (window.location.hash = to));
  const found = status.data?.agents.filter((a) => a.found) ?? [];

  return (
    <>
      <header className="page-head">
        <h1>Welcome to agent-budget</h1>
        <button type="button" onClick={() => finish(href.overview)}>Skip</button>
      </header>
      <Loaded state={status}>
        {(s) => (
          <div className="welcome">
            <section className="card narrow" aria-labelledby="budget-heading">
              <h2 id="budget-heading">1. A first budget</h2>
              <FirstBudget status={s} budget={budget} onCreated={setBudget} />
            </section>
            <section aria-labelledby="agents-heading">
              <h2 id="agents-heading">2. Your agents on this machine</h2>
              <p className="muted">{found.length === 0 ? 'No coding agent found. You can still point SDKs and scripts at the proxy: see Setup.' : `Found ${found.map((a) => a.name).join(', ')}. One click puts each on the budget; undo puts the files back.`}</p>
              <ul className="card-grid plain-list">{s.agents.map((agent) => <AgentRow key={agent.id} agent={agent} budget={budget} onChange={status.reload} />)}</ul>
            </section>
            <section className="card narrow" aria-labelledby="done-heading">
              <h2 id="done-heading">3. Done</h2>
              <p>Agents send their requests to <code>{s.proxy_url}</code>; the dashboard shows what each budget spends.</p>
              {complete.error && <p className="form-error" role="alert">{complete.error}</p>}
              <div className="actions">
                <button type="button" className="primary" disabled={complete.busy} onClick={() => finish(budget ? href.budget(budget.id) : href.overview)}>Open the dashboard</button>
              </div>
            </section>
          </div>
        )}
      </Loaded>
    </>
  );
}
