/**
 * An agent's sessions in the range (all, or one project's), named by the agent's own title where its
 * logs have one, sortable and paged on the server. A row opens to its id, tokens and model mix.
 */
import { Fragment, useState } from 'react';
import type { AgentSession, AgentViewId, RangeKey } from '../../src-shared/agent-views';
import { agentApi, agentPath } from '../api/agent-views';
import { projectName } from '../agent-format';
import { count, money, tokens, when } from '../format';
import { useApi } from '../hooks/useApi';
import { PagedCard, SortHeader, usePaging } from './AgentTableParts';
import { Empty } from './States';

const PAGE_SIZE = 15;
/** Models named in a row; the rest are in the row's detail. */
const MIX_SHOWN = 2;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

function ModelMix({ session }: { session: AgentSession }) {
  return (
    <span className="model-mix">
      {session.models.slice(0, MIX_SHOWN).map((m) => `${m.model} ${percent(m.cost_dollars, session.cost_dollars)}%`).join(' · ')}
      {session.models.length > MIX_SHOWN && ` · +${session.models.length - MIX_SHOWN}`}
    </span>
  );
}

function SessionDetail({ session, columns }: { session: AgentSession; columns: number }) {
  return (
    <tr className="session-detail">
      <td colSpan={columns}>
        <dl className="detail-grid">
          <div><dt>Session id</dt><dd><code>{session.session_id}</code></dd></div>
          <div><dt>Project</dt><dd><code>{session.project_key || '(no folder)'}</code></dd></div>
          <div><dt>Tokens</dt><dd>{tokens(session.input_tokens)} in, {tokens(session.output_tokens)} out, {tokens(session.cache_read_input_tokens)} cache reads</dd></div>
          <div><dt>Models</dt><dd>{session.models.map((m) => <span key={m.model} className="block">{m.model}: {money(m.cost_dollars)} over {count(m.requests)} requests</span>)}</dd></div>
        </dl>
      </td>
    </tr>
  );
}

interface Props {
  agent: AgentViewId;
  range: RangeKey;
  project: string | null;
  onClearProject: () => void;
}

export function AgentSessionTable({ agent, range, project, onClearProject }: Props) {
  const { page, sortBy, goTo } = usePaging(PAGE_SIZE, [agent, range, project]);
  const [open, setOpen] = useState<string | null>(null);
  const sessions = useApi(() => agentApi.sessions(agent, range, page, project), [agent, range, page, project], ['spend', 'agent-logs']);
  const columns = project ? 6 : 7;
  return (
    <PagedCard id="agent-sessions-title" title={project ? <>Sessions in {projectName(project)}</> : 'Sessions'} what="sessions" state={sessions} page={page} onGo={goTo}
      extra={project && <button type="button" className="chip" onClick={onClearProject} aria-label="Show every project's sessions">{projectName(project)} ✕</button>}
      exportHref={(format) => agentPath(agent, 'sessions', range, { sort: page.sort, order: page.order, limit: 10_000, project: project ?? undefined }, format)}
      empty={<Empty title="No sessions in this range" />}>
      {(s) => (
        <table>
          <caption className="sr-only">Spend by session</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              {!project && <th scope="col">Project</th>}
              <SortHeader label="First activity" sort="first_at" page={page} onSort={sortBy} />
              <SortHeader label="Last activity" sort="last_at" page={page} onSort={sortBy} />
              <SortHeader label="Requests" sort="requests" page={page} onSort={sortBy} numeric />
              <th scope="col">Models</th>
              <SortHeader label="Cost" sort="cost" page={page} onSort={sortBy} numeric />
            </tr>
          </thead>
          <tbody>
            {s.items.map((session) => (
              <Fragment key={session.session_id}>
                <tr aria-selected={open === session.session_id}>
                  <td>
                    <button type="button" className="link" aria-expanded={open === session.session_id} title={session.session_id}
                      onClick={() => setOpen(open === session.session_id ? null : session.session_id)}>
                      {session.title ?? <code>{session.label}</code>}
                    </button>
                  </td>
                  {!project && <td title={session.project_key}>{projectName(session.project_key)}</td>}
                  <td className="nowrap">{when(session.first_at)}</td>
                  <td className="nowrap">{when(session.last_at)}</td>
                  <td className="num">{count(session.requests)}</td>
                  <td><ModelMix session={session} /></td>
                  <td className="num">{money(session.cost_dollars)}</td>
                </tr>
                {open === session.session_id && <SessionDetail session={session} columns={columns} />}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </PagedCard>
  );
}
