/** A budget's Claude Code sessions this period, dearest first, with any per-session cap beside them. */
import type { Session } from '../../src-shared/api';
import { count, money, tokens, when } from '../format';
import { Empty } from './States';

export function SessionTable({ sessions, perSessionCap }: { sessions: Session[]; perSessionCap: number | null }) {
  if (sessions.length === 0) return <Empty title="No Claude Code sessions this period">Claude Code sends its session id with each request; sessions show here once it does.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Spend by Claude Code session</caption>
        <thead>
          <tr>
            <th scope="col">Session</th><th scope="col">Last request</th><th scope="col" className="num">Requests</th>
            <th scope="col" className="num">Blocked</th><th scope="col" className="num">Input</th><th scope="col" className="num">Output</th>
            <th scope="col" className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.session_id}>
              <td><code title={s.session_id}>{s.session_id.slice(0, 8)}</code></td>
              <td>{when(s.last_at)}</td>
              <td className="num">{count(s.requests)}</td>
              <td className="num">{count(s.blocked_requests)}</td>
              <td className="num">{tokens(s.input_tokens)}</td>
              <td className="num">{tokens(s.output_tokens)}</td>
              <td className="num">{money(s.cost_dollars)}{perSessionCap !== null && <small className="muted"> / {money(perSessionCap)}</small>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
