/** The budget's spend this period per model. */
import type { ModelSpend } from '../../src-shared/api';
import { count, money, tokens } from '../format';
import { Empty } from './States';

export function ModelTable({ models }: { models: ModelSpend[] }) {
  if (models.length === 0) return <Empty title="No requests this period" />;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Spend by model</caption>
        <thead>
          <tr>
            <th scope="col">Model</th><th scope="col" className="num">Requests</th><th scope="col" className="num">Input</th>
            <th scope="col" className="num">Output</th><th scope="col" className="num">Cache write</th>
            <th scope="col" className="num">Cache read</th><th scope="col" className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={`${m.provider}/${m.model}`}>
              <td><code>{m.model}</code></td>
              <td className="num">{count(m.requests)}</td>
              <td className="num">{tokens(m.input_tokens)}</td>
              <td className="num">{tokens(m.output_tokens)}</td>
              <td className="num">{tokens(m.cache_creation_input_tokens)}</td>
              <td className="num">{tokens(m.cache_read_input_tokens)}</td>
              <td className="num">{money(m.cost_dollars)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
