/** One model's prices in an editable table row; the API validates what is saved. */
import { useState } from 'react';
import { api } from '../api/client';
import type { ModelPrice } from '../../src-shared/api';
import { useMutation } from '../hooks/useMutation';

export const PRICE_FIELDS = [
  { key: 'input_per_mtok', label: 'Input' },
  { key: 'output_per_mtok', label: 'Output' },
  { key: 'cache_write_5m_per_mtok', label: 'Cache write 5m' },
  { key: 'cache_write_1h_per_mtok', label: 'Cache write 1h' },
  { key: 'cache_read_per_mtok', label: 'Cache read' },
] as const;

type PriceKey = (typeof PRICE_FIELDS)[number]['key'];

export function PriceEditor({ price, onDone }: { price: ModelPrice; onDone: () => void }) {
  const [values, setValues] = useState(() => Object.fromEntries(PRICE_FIELDS.map(({ key }) => [key, String(price[key])])) as Record<PriceKey, string>);
  const save = useMutation(api.setPrice);
  const submit = async () => {
    const edited = Object.fromEntries(PRICE_FIELDS.map(({ key }) => [key, values[key].trim() === '' ? values[key] : Number(values[key])]));
    if (await save.run({ ...price, ...edited })) onDone();
  };
  return (
    <tr className="editing">
      <th scope="row"><code>{price.model}</code>{save.error && <small className="field-error" role="alert">{save.error}</small>}</th>
      {PRICE_FIELDS.map(({ key, label }) => (
        <td key={key} className="num">
          <input aria-label={`${label} price per million tokens for ${price.model}`} inputMode="decimal" size={7}
            aria-invalid={save.fieldErrors[key] ? true : undefined} value={values[key]}
            onChange={(e) => setValues({ ...values, [key]: e.target.value })}
            onKeyDown={(e) => { if (e.key === 'Enter') void submit(); if (e.key === 'Escape') onDone(); }} />
          {save.fieldErrors[key] && <small className="field-error" role="alert">{save.fieldErrors[key]}</small>}
        </td>
      ))}
      <td className="row-actions">
        <button type="button" className="small primary" disabled={save.busy} onClick={() => void submit()}>Save</button>
        <button type="button" className="small" onClick={onDone}>Cancel</button>
      </td>
    </tr>
  );
}
