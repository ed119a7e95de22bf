/** A budget's usage records, newest first, paged and filtered on the server. */
import { useState } from 'react';
import { api } from '../api/client';
import { USAGE_STATUSES, type Usage, type UsageStatus } from '../../src-shared/api';
import { providerLabel } from '../../src-shared/providers';
import { AGENT_LABELS } from '../../src-shared/agent-views';
import { agentOfSource } from '../../src-shared/agents';
import { count, money, tokens, when } from '../format';
import { useApi } from '../hooks/useApi';
import { Empty, Loaded } from './States';

const PAGE_SIZE = 25;

export function UsageTable({ budgetId, models }: { budgetId: number; models: string[] }) {
  const [status, setStatus] = useState<UsageStatus | ''>('');
  const [model, setModel] = useState('');
  const [estimated, setEstimated] = useState('');
  const [offset, setOffset] = useState(0);
  const filters = { status, model, estimated: estimated === '' ? undefined : estimated === 'true' };
  const page = useApi(() => api.usage(budgetId, { limit: PAGE_SIZE, offset, ...filters }),
    [budgetId, status, model, estimated, offset], ['spend', 'blocked']);
  const refilter = (set: (value: string) => void) => (value: string) => { set(value); setOffset(0); };

  return (
    <>
      <div className="filters" role="group" aria-label="Filter usage">
        <label>Status
          <select value={status} onChange={(e) => refilter((value) => setStatus(value as UsageStatus | ''))(e.target.value)}>
            <option value="">All</option>
            {USAGE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>Model
          <select value={model} onChange={(e) => refilter(setModel)(e.target.value)}>
            <option value="">All</option>
            {models.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label>Cost
          <select value={estimated} onChange={(e) => refilter(setEstimated)(e.target.value)}>
            <option value="">Exact and estimated</option>
            <option value="false">Exact only</option>
            <option value="true">Estimated only</option>
          </select>
        </label>
      </div>
      <Loaded state={page}>
        {(p) => p.items.length === 0 ? <Empty title="No requests match" /> : (
          <>
            <div className="table-wrap">
              <table className="usage-table">
                <caption className="sr-only">Usage records</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th><th scope="col">Model</th><th scope="col">Status</th>
                    <th scope="col" className="num">Input</th><th scope="col" className="num">Output</th>
                    <th scope="col" className="num">Cache write</th><th scope="col" className="num">Cache read</th>
                    <th scope="col" className="num">Cost</th>
                  </tr>
                </thead>
                <tbody>{p.items.map((u) => <UsageRow key={u.id} usage={u} />)}</tbody>
              </table>
            </div>
            <nav className="pager" aria-label="Usage pages">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Newer</button>
              <span>{count(offset + 1)}–{count(offset + p.items.length)} of {count(p.total)}</span>
              <button type="button" disabled={offset + PAGE_SIZE >= p.total} onClick={() => setOffset(offset + PAGE_SIZE)}>Older</button>
            </nav>
          </>
        )}
      </Loaded>
    </>
  );
}

function UsageRow({ usage: u }: { usage: Usage }) {
  const notes = [
    u.source !== 'proxy' && `from ${AGENT_LABELS[agentOfSource(u.source)]} logs`,
    u.estimated && 'estimated',
    u.price_inferred && 'inferred price',
    u.clamped_max_tokens !== null && `clamped to ${u.clamped_max_tokens}`,
  ].filter(Boolean);
  return (
    <tr>
      <td>{when(u.created_at)}</td>
      <td><code>{u.model}</code><small className="muted"> {providerLabel(u.provider)}</small></td>
      <td><span className={`status status-${u.status}`}>{u.status}</span>{notes.length > 0 && <small className="muted"> {notes.join(', ')}</small>}</td>
      <td className="num">{tokens(u.input_tokens)}</td>
      <td className="num">{tokens(u.output_tokens)}</td>
      <td className="num">{tokens(u.cache_creation_input_tokens)}</td>
      <td className="num">{tokens(u.cache_read_input_tokens)}</td>
      <td className="num">
        {u.status === 'blocked' ? <span className="muted" title="worst case refused">({money(u.reserved_dollars)})</span> : money(u.cost_dollars)}
        {u.api_equivalent && <small className="muted" title="At API rates: a subscription paid for it"> API-equivalent</small>}
      </td>
    </tr>
  );
}
