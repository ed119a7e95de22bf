/**
 * What the coding agents (from their own logs) and the proxy's own traffic cost: pick an agent and a
 * range, and every part follows it: totals against the range before, spend per day by project or
 * model, projects, sessions (a project's in one click, its dearest first), models and the 5-hour
 * windows. Amounts are at API rates: on a subscription, what the same work would cost on an API key.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { AGENT_LABELS, type AgentViewId, type RangeKey, RANGE_NAMES } from '../../src-shared/agent-views';
import { agentApi, agentPath } from '../api/agent-views';
import { AgentControls } from '../components/AgentControls';
import { AgentModelTable } from '../components/AgentModelTable';
import { AgentProjectTable } from '../components/AgentProjectTable';
import { AgentSessionTable } from '../components/AgentSessionTable';
import { AgentStatusLine } from '../components/AgentStatusLine';
import { Exports } from '../components/AgentTableParts';
import { AgentTotals } from '../components/AgentTotals';
import { Loaded, Loading } from '../components/States';
import { useApi } from '../hooks/useApi';
import { href } from '../hooks/useRoute';
import '../agents.css';

const AgentDailyChart = lazy(() => import('../charts/AgentDailyChart'));
const AgentWindowsChart = lazy(() => import('../charts/AgentWindowsChart'));
const RANGE_KEY = 'agent-budget.agents-range';

function storedRange(): RangeKey {
  const saved = localStorage.getItem(RANGE_KEY);
  return saved && saved in RANGE_NAMES ? (saved as RangeKey) : '30d';
}

export function Agents({ agent }: { agent: AgentViewId }) {
  const [range, setRange] = useState<RangeKey>(storedRange);
  const [project, setProject] = useState<string | null>(null);
  const summary = useApi(() => agentApi.summary(agent, range), [agent, range], ['spend', 'agent-logs']);
  useEffect(() => setProject(null), [agent]);
  const chooseRange = (next: RangeKey) => {
    localStorage.setItem(RANGE_KEY, next);
    setRange(next);
  };
  const chooseProject = (next: string | null) => {
    setProject(next);
    if (next) document.getElementById('agent-sessions-title')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <>
      <header className="page-head agents-head">
        <div>
          <h1>Agents</h1>
          <p className="muted">
            {agent === 'proxy' ? "The proxy's own records." : `From ${AGENT_LABELS[agent]}'s own logs, each request counted once.`} Costs at API rates; on a subscription, what the same work would cost on an API key.
          </p>
        </div>
        <Exports what="summary" href={(format) => agentPath(agent, 'summary', range, {}, format)} />
      </header>
      <AgentControls agent={agent} range={range} onAgent={(next) => { window.location.hash = href.agents(next); }} onRange={chooseRange} />
      <AgentStatusLine agent={agent} />
      <Loaded state={summary}>{(s) => <AgentTotals summary={s} />}</Loaded>
      <div className="agents-overview">
        <Suspense fallback={<Loading />}><AgentDailyChart agent={agent} range={range} /></Suspense>
        <AgentProjectTable agent={agent} range={range} selected={project} onSelect={chooseProject} />
      </div>
      <AgentSessionTable agent={agent} range={range} project={project} onClearProject={() => setProject(null)} />
      <div className="agents-pair">
        <AgentModelTable agent={agent} range={range} />
        <Suspense fallback={<Loading />}><AgentWindowsChart agent={agent} range={range} /></Suspense>
      </div>
    </>
  );
}
