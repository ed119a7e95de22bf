/** The pricing table the proxy charges by, with the models it had to guess a price for. */
import { useState } from 'react';
import { api } from '../api/client';
import type { Pricing as PricingData } from '../../src-shared/api';
import { providerLabel } from '../../src-shared/providers';
import { PRICE_FIELDS, PriceEditor } from '../components/PriceEditor';
import { Empty, Loaded } from '../components/States';
import { count, dateTime, price } from '../format';
import { useApi } from '../hooks/useApi';

export function Pricing() {
  const pricing = useApi(api.pricing, [], ['pricing', 'spend']);
  return (
    <>
      <header className="page-head"><h1>Pricing</h1></header>
      <Loaded state={pricing}>{(p) => <PricingTables pricing={p} onSaved={pricing.reload} />}</Loaded>
    </>
  );
}

function PricingTables({ pricing, onSaved }: { pricing: PricingData; onSaved: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <p className="muted">Dollars per million tokens. {pricing.updated_at ? `Last changed ${dateTime(pricing.updated_at)}.` : 'Unchanged since install.'}</p>
      <section className="card flush">
        <div className="table-wrap">
          <table className="pricing-table">
            <caption className="sr-only">Model prices</caption>
            <thead>
              <tr><th scope="col">Model</th>{PRICE_FIELDS.map((f) => <th key={f.key} scope="col" className="num">{f.label}</th>)}<th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {pricing.models.map((m) => editing === m.model
                ? <PriceEditor key={m.model} price={m} onDone={() => { setEditing(null); onSaved(); }} />
                : (
                  <tr key={m.model}>
                    <th scope="row"><code>{m.model}</code><small className="muted"> {providerLabel(m.provider)}</small></th>
                    {PRICE_FIELDS.map((f) => <td key={f.key} className="num">{price(m[f.key])}</td>)}
                    <td className="row-actions"><button type="button" className="small" onClick={() => setEditing(m.model)} aria-label={`Edit ${m.model} prices`}>Edit</button></td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="inferred-heading">
        <h2 id="inferred-heading">Inferred prices</h2>
        {pricing.inferred.length === 0
          ? <Empty title="Every model seen has its own price" />
          : (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Models priced as another model of their family</caption>
                <thead><tr><th scope="col">Model seen</th><th scope="col">Priced as</th><th scope="col" className="num">Requests</th></tr></thead>
                <tbody>
                  {pricing.inferred.map((i) => (
                    <tr key={i.model}><td><code>{i.model}</code></td><td><code>{i.priced_as}</code></td><td className="num">{count(i.requests)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </>
  );
}
