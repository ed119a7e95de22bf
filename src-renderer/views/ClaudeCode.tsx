/**
 * What Claude Code cost, from its own session logs (and the proxy's records of the requests it
 * relayed): per project, per session and day, and per 5-hour subscription window. Subscription
 * users see what the same work would cost on an API key.
 */
import { useState } from 'react';
import { api } from '../api/client';
import type { ClaudeCodeStatus } from '../../src-shared/api';
import { ProjectTable } from '../components/ProjectTable';
import { SessionTable } from '../components/SessionTable';
import { Loaded } from '../components/States';
import { WindowList } from '../components/WindowList';
import { count, money, when } from '../format';
import { useApi } from '../hooks/useApi';

const DAYS = 30;

function ImportStatus({ status }: { status: ClaudeCodeStatus }) {
  if (!status.enabled) return <p className="muted">Reading Claude Code's logs is off (AGENT_BUDGET_CLAUDE_LOGS=0).</p>;
  return (
    <p className="muted" data-testid="import-status">
      Reading {count(status.files)} transcript files under {status.roots.join(', ')}; {count(status.requests)} requests imported
      {status.last_import_at && <>, last read {when(status.last_import_at)}</>}.
      {status.malformed_lines > 0 && <> {count(status.malformed_lines)} unreadable lines skipped.</>}
      {status.unpriced_models.length > 0 && <> No price for {status.unpriced_models.join(', ')}: add it in Pricing.</>}
    </p>
  );
}

function ProjectDetail({ project }: { project: string }) {
  const detail = useApi(() => api.claudeCodeProject(project, DAYS), [project], ['claude-code', 'spend']);
  return (
    <section className="card" aria-labelledby="project-title">
      <h2 id="project-title">Sessions in <code>{project}</code></h2>
      <Loaded state={detail}>
        {(d) => (
          <>
            <SessionTable sessions={d.sessions} perSessionCap={null} />
            <h3>By day</h3>
            <ul className="day-list">
              {d.days.map((day) => <li key={day.start}>{new Date(day.start).toLocaleDateString()}: {money(day.cost_dollars)} ({count(day.requests)} requests)</li>)}
            </ul>
          </>
        )}
      </Loaded>
    </section>
  );
}

export function ClaudeCode() {
  const status = useApi(api.claudeCodeStatus, [], ['claude-code']);
  const projects = useApi(() => api.claudeCodeProjects(DAYS), [], ['claude-code', 'spend']);
  const windows = useApi(api.claudeCodeWindows, [], ['claude-code', 'spend']);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <header className="page-head">
        <h1>Claude Code</h1>
        <p className="muted">Costs at API rates, from Claude Code's own logs and the proxy's records, each request counted once. On a subscription this is what the same work would cost on an API key.</p>
      </header>
      <Loaded state={status}>{(s) => <ImportStatus status={s} />}</Loaded>
      <section className="card" aria-labelledby="windows-title">
        <h2 id="windows-title">5-hour windows</h2>
        <Loaded state={windows}>{(list) => <WindowList windows={list} />}</Loaded>
      </section>
      <section className="card" aria-labelledby="projects-title">
        <h2 id="projects-title">Projects, last {DAYS} days</h2>
        <Loaded state={projects}>{(list) => <ProjectTable projects={list} selected={selected} onSelect={setSelected} />}</Loaded>
      </section>
      {selected && <ProjectDetail project={selected} />}
    </>
  );
}
