/**
 * The agents view's spend per day, stacked by project or by model (switchable). Loaded on demand, as
 * the budget charts are, so recharts stays out of the first page load.
 */
import { useState } from 'react';
import type { AgentDaily, AgentViewId, DailyGroup, RangeKey } from '../../src-shared/agent-views';
import { agentApi, agentPath } from '../api/agent-views';
import { projectName } from '../agent-format';
import { Exports } from '../components/AgentTableParts';
import { Empty, Loaded } from '../components/States';
import { count, money } from '../format';
import { useApi } from '../hooks/useApi';
import type { Row } from './pivot';
import { StackedBars } from './StackedBars';

const DAY_MS = 86_400_000;

/** One row per day of the range (empty days included, so time runs evenly), a column per series. */
function dailyRows(daily: AgentDaily): Row[] {
  const rows = new Map<number, Row>();
  const starts = daily.points.map((p) => p.start);
  const offset = daily.offset_minutes * 60_000;
  const first = daily.from > 0 ? Math.floor((daily.from + offset) / DAY_MS) * DAY_MS - offset : Math.min(...starts);
  for (let start = first; start < daily.to; start += DAY_MS) rows.set(start, { start } as Row);
  for (const p of daily.points) {
    const row = rows.get(p.start) ?? ({ start: p.start } as Row);
    rows.set(p.start, row);
    row[p.key] = (row[p.key] ?? 0) + p.cost_dollars;
  }
  return [...rows.values()].sort((a, b) => a.start - b.start);
}

export default function AgentDailyChart({ agent, range }: { agent: AgentViewId; range: RangeKey }) {
  const [group, setGroup] = useState<DailyGroup>('project');
  const daily = useApi(() => agentApi.daily(agent, range, group), [agent, range, group], ['spend', 'agent-logs']);
  return (
    <section className="card" aria-labelledby="agent-daily-title">
      <header className="section-head">
        <h2 id="agent-daily-title">Spend per day</h2>
        <div className="segmented small" role="group" aria-label="Stack by">
          {(['project', 'model'] as const).map((g) => <button key={g} type="button" aria-pressed={g === group} onClick={() => setGroup(g)}>By {g}</button>)}
        </div>
        <Exports what="daily spend" href={(format) => agentPath(agent, 'daily', range, { group }, format)} />
      </header>
      <Loaded state={daily}>
        {(d) => d.points.length === 0 ? <Empty title="No spend in this range" /> : (
          <StackedBars caption={`${money(d.keys.reduce((sum, k) => sum + k.cost_dollars, 0))} over ${count(new Set(d.points.map((p) => p.start)).size)} active days, by ${group}`}
            testId="agent-daily-chart" bucket="day" rows={dailyRows(d)} format={money}
            series={d.keys.map((k) => ({ key: k.key, name: group === 'project' ? projectName(k.key) : k.label }))} />
        )}
      </Loaded>
    </section>
  );
}
