/**
 * The agents view's 5-hour windows as a timeline (Anthropic's subscription windows; the open one
 * highlighted, with what it has used and when it resets). Loaded on demand, with recharts.
 */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentViewId, AgentWindow, RangeKey } from '../../src-shared/agent-views';
import { agentApi, agentPath } from '../api/agent-views';
import { Exports } from '../components/AgentTableParts';
import { Empty, Loaded } from '../components/States';
import { count, dateTime, money, timeOfDay } from '../format';
import { useApi } from '../hooks/useApi';

const WINDOW_MS = 5 * 3_600_000;

function OpenWindow({ window: w }: { window: AgentWindow }) {
  return (
    <p className="window-now" role="status">
      This window: <strong>{money(w.cost_dollars)}</strong> API-equivalent over {count(w.requests)} requests; it resets at {timeOfDay(w.end)}.
    </p>
  );
}

export default function AgentWindowsChart({ agent, range }: { agent: AgentViewId; range: RangeKey }) {
  const windows = useApi(() => agentApi.windows(agent, range), [agent, range], ['spend', 'agent-logs']);
  return (
    <section className="card" aria-labelledby="agent-windows-title">
      <header className="section-head">
        <h2 id="agent-windows-title">5-hour windows</h2>
        <Exports what="5-hour windows" href={(format) => agentPath(agent, 'windows', range, {}, format)} />
      </header>
      <Loaded state={windows}>
        {(w) => {
          if (w.windows.length === 0) return <Empty title="No subscription usage in this range">{agent === 'proxy' ? 'Only requests made with a subscription (OAuth) token count here.' : 'Pick a longer range to see earlier windows.'}</Empty>;
          const open = w.windows.find((x) => x.active);
          const rows = [...w.windows].reverse();
          const dearest = rows.reduce((max, x) => (x.cost_dollars > max.cost_dollars ? x : max), rows[0]);
          return (
            <>
              {open && <OpenWindow window={open} />}
              <figure className="chart" data-testid="agent-windows-chart">
                <figcaption>{count(rows.length)} windows; the dearest {money(dearest.cost_dollars)} API-equivalent on {dateTime(dearest.start)}</figcaption>
                <ResponsiveContainer width="100%" height={160}>
                  <BarChart data={rows} accessibilityLayer>
                    <CartesianGrid vertical={false} stroke="var(--grid)" />
                    <XAxis dataKey="start" tickFormatter={(start: number) => new Date(start).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} stroke="var(--muted)" fontSize={12} minTickGap={32} />
                    <YAxis tickFormatter={money} stroke="var(--muted)" fontSize={12} width={64} />
                    <Tooltip
                      labelFormatter={(start) => `${dateTime(Number(start))} – ${timeOfDay(Number(start) + WINDOW_MS)}`}
                      formatter={(value, _name, item) => [`${money(Number(value))} over ${count((item.payload as AgentWindow).requests)} requests`, 'API-equivalent']}
                      contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)', color: 'var(--text)' }}
                      cursor={{ fill: 'var(--hover)' }}
                    />
                    <Bar dataKey="cost_dollars" name="API-equivalent cost" isAnimationActive={false}>
                      {rows.map((x) => <Cell key={x.start} fill={x.active ? 'var(--series-3)' : 'var(--series-1)'} />)}
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
