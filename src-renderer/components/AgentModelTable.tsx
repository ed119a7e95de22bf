/** An agent's spend by model in the range, with each model's share of it. */
import type { AgentViewId, RangeKey } from '../../src-shared/agent-views';
import { agentApi, agentPath } from '../api/agent-views';
import { count, money, percent, tokens, when } from '../format';
import { useApi } from '../hooks/useApi';
import { PagedCard, SortHeader, usePaging } from './AgentTableParts';
import { Empty } from './States';

const PAGE_SIZE = 10;

export function AgentModelTable({ agent, range }: { agent: AgentViewId; range: RangeKey }) {
  const { page, sortBy, goTo } = usePaging(PAGE_SIZE, [agent, range]);
  const models = useApi(() => agentApi.models(agent, range, page), [agent, range, page], ['spend', 'agent-logs']);
  return (
    <PagedCard id="agent-models-title" title="Models" what="models" state={models} page={page} onGo={goTo}
      exportHref={(format) => agentPath(agent, 'models', range, { sort: page.sort, order: page.order, limit: 10_000 }, format)}
      empty={<Empty title="No models in this range" />}>
      {(m) => (
        <table className="compact">
          <caption className="sr-only">Spend by model</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">Sessions</th>
              <SortHeader label="Requests" sort="requests" page={page} onSort={sortBy} numeric />
              <th scope="col" className="num">Output</th>
              <SortHeader label="Last used" sort="last_at" page={page} onSort={sortBy} />
              <th scope="col" className="num">Share</th>
              <SortHeader label="Cost" sort="cost" page={page} onSort={sortBy} numeric />
            </tr>
          </thead>
          <tbody>
            {m.items.map((model) => (
              <tr key={model.model}>
                <td><code>{model.model}</code></td>
                <td className="num">{count(model.sessions)}</td>
                <td className="num">{count(model.requests)}</td>
                <td className="num">{tokens(model.output_tokens)}</td>
                <td className="nowrap">{when(model.last_at)}</td>
                <td className="num">
                  <span className="share"><span className="share-bar" style={{ width: `${Math.round(model.share * 100)}%` }} /></span>{percent(model.share * 100)}
                </td>
                <td className="num">{money(model.cost_dollars)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedCard>
  );
}
