/** Anthropic's 5-hour subscription windows, latest first, the open one highlighted. */
import type { UsageWindow } from '../../src-shared/api';
import { count, money, timeOfDay, when } from '../format';
import { Empty } from './States';

export function WindowList({ windows }: { windows: UsageWindow[] }) {
  if (windows.length === 0) return <Empty title="No subscription usage in the last 7 days" />;
  const open = windows.find((w) => w.active);
  return (
    <>
      {open && (
        <p className="window-now" role="status">
          This window: <strong>{money(open.cost_dollars)}</strong> API-equivalent over {count(open.requests)} requests; it resets at {timeOfDay(open.end)}.
        </p>
      )}
      <div className="table-wrap">
        <table>
          <caption className="sr-only">5-hour usage windows</caption>
          <thead>
            <tr><th scope="col">Window</th><th scope="col" className="num">Requests</th><th scope="col" className="num">API-equivalent cost</th></tr>
          </thead>
          <tbody>
            {windows.map((w) => (
              <tr key={w.start} className={w.active ? 'row-active' : undefined}>
                <td>{when(w.start)} – {timeOfDay(w.end)}{w.active && <span className="badge">open</span>}</td>
                <td className="num">{count(w.requests)}</td>
                <td className="num">{money(w.cost_dollars)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
