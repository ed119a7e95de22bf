/**
 * What is known of an agent's logs and what the import is doing, in one line: "175,500 requests
 * from 780 files; watching; last change 2 min ago", with a progress bar while a pass reads.
 */
import { AGENT_LABELS, type AgentViewId } from '../../src-shared/agent-views';
import type { AgentLogStatus } from '../../src-shared/agents';
import { agentApi } from '../api/agent-views';
import { ago } from '../agent-format';
import { count } from '../format';
import { useApi } from '../hooks/useApi';

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

function LogStatus({ status }: { status: AgentLogStatus }) {
  const name = AGENT_LABELS[status.agent];
  if (status.state === 'off') return <>Reading {name}'s logs is off.</>;
  const known = `${plural(status.requests, 'request')} from ${plural(status.files, 'file')}`;
  if (status.state === 'reading') {
    const done = status.bytes_total > 0 ? status.bytes_read / status.bytes_total : 0;
    return (
      <>
        {known}; reading {count(status.files_read)} of {count(status.files)} files ({Math.floor(done * 100)}%), {plural(status.requests_this_pass, 'request')} found so far
        <progress max={1} value={done} aria-label={`Reading ${name}'s logs`} />
      </>
    );
  }
  const change = status.last_change_at ?? status.last_import_at;
  return (
    <>
      {known}; watching{change !== null && <>; last change {ago(change)}</>}
      {status.malformed_lines > 0 && <>; {plural(status.malformed_lines, 'unreadable line')} skipped</>}
      {status.unpriced_models.length > 0 && <>; no price for {status.unpriced_models.join(', ')} (add it in Pricing)</>}
    </>
  );
}

export function AgentStatusLine({ agent }: { agent: AgentViewId }) {
  const status = useApi(() => agentApi.status(agent), [agent], ['agent-logs', 'spend']);
  if (agent === 'proxy') {
    return <p className="muted status-line">Requests sent through agent-budget's proxy, grouped by budget where they name no project folder.</p>;
  }
  const s = status.data;
  if (!s) return <p className="muted status-line" aria-busy={status.loading}>{status.error ? `Import status unavailable: ${status.error.message}` : '\u00a0'}</p>;
  return (
    <p className="muted status-line" data-testid="import-status" role="status">
      <LogStatus status={s} />
    </p>
  );
}
