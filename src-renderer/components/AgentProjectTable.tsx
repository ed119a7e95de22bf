/** An agent's projects in the range, sortable and paged on the server; choosing one shows its sessions. */
import type { AgentViewId, RangeKey } from '../../src-shared/agent-views';
import { agentApi, agentPath } from '../api/agent-views';
import { projectName } from '../agent-format';
import { count, money, when } from '../format';
import { useApi } from '../hooks/useApi';
import { PagedCard, SortHeader, usePaging } from './AgentTableParts';
import { Empty } from './States';

const PAGE_SIZE = 8;

interface Props {
  agent: AgentViewId;
  range: RangeKey;
  selected: string | null;
  onSelect: (project: string | null) => void;
}

export function AgentProjectTable({ agent, range, selected, onSelect }: Props) {
  const { page, sortBy, goTo } = usePaging(PAGE_SIZE, [agent, range]);
  const projects = useApi(() => agentApi.projects(agent, range, page), [agent, range, page], ['spend', 'agent-logs']);
  return (
    <PagedCard id="agent-projects-title" title="Projects" what="projects" state={projects} page={page} onGo={goTo}
      exportHref={(format) => agentPath(agent, 'projects', range, { sort: page.sort, order: page.order, limit: 10_000 }, format)}
      empty={<Empty title="No projects in this range">Pick a longer range, or another agent.</Empty>}>
      {(p) => (
        <table className="compact">
          <caption className="sr-only">Spend by project</caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <SortHeader label="Last activity" sort="last_at" page={page} onSort={sortBy} />
              <SortHeader label="Requests" sort="requests" page={page} onSort={sortBy} numeric />
              <SortHeader label="Cost" sort="cost" page={page} onSort={sortBy} numeric />
            </tr>
          </thead>
          <tbody>
            {p.items.map((item) => (
              <tr key={item.key} aria-selected={item.key === selected}>
                <td>
                  <button type="button" className="link" title={item.label} aria-pressed={item.key === selected} onClick={() => onSelect(item.key === selected ? null : item.key)}>
                    {projectName(item.key)}
                  </button>
                  <small className="muted block">{count(item.sessions)} sessions</small>
                </td>
                <td className="nowrap">{when(item.last_at)}</td>
                <td className="num">{count(item.requests)}</td>
                <td className="num">{money(item.cost_dollars)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedCard>
  );
}
