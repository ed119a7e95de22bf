/** Requests the proxy refused, newest first. */
import type { BlockedUsage } from '../../src-shared/api';
import { money, when } from '../format';
import { href } from '../hooks/useRoute';
import { Empty } from './States';

export function BlockedList({ items }: { items: BlockedUsage[] }) {
  if (items.length === 0) return <Empty title="No blocked requests">Requests refused for lack of budget show up here.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Recently blocked requests</caption>
        <thead><tr><th scope="col">Time</th><th scope="col">Budget</th><th scope="col">Model</th><th scope="col" className="num">Would have cost up to</th></tr></thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{when(item.created_at)}</td>
              <td>{item.budget_id === null ? item.budget_name ?? '—' : <a href={href.budget(item.budget_id)}>{item.budget_name}</a>}</td>
              <td><code>{item.model}</code></td>
              <td className="num">{money(item.reserved_dollars)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
