/** What one batch of an agent's logs says of its sessions: one upsert per session (see agent-session-sql.ts). */
import type { AgentId } from '../../../src-shared/agents.js';
import type { AgentSessionUpsert } from '../store/agent-session-sql.js';
import type { LogRequest, SessionNote } from './adapter.js';

export class SessionBatch {
  private readonly byId = new Map<string, AgentSessionUpsert>();

  constructor(private readonly agent: AgentId) {}

  private of(sessionId: string): AgentSessionUpsert {
    let session = this.byId.get(sessionId);
    if (!session) this.byId.set(sessionId, (session = { agent: this.agent, session_id: sessionId, title: null, project: null, first_at: null, last_at: null }));
    return session;
  }

  request(request: LogRequest): void {
    if (request.sessionId === null) return;
    const session = this.of(request.sessionId);
    session.project ??= request.project;
    if (session.first_at === null || request.time < session.first_at) session.first_at = request.time;
    if (session.last_at === null || request.time > session.last_at) session.last_at = request.time;
  }

  note(note: SessionNote): void {
    const session = this.of(note.sessionId);
    if (note.title !== undefined) session.title = note.title;
    session.project ??= note.project ?? null;
  }

  get size(): number {
    return this.byId.size;
  }

  take(): AgentSessionUpsert[] {
    const sessions = [...this.byId.values()];
    this.byId.clear();
    return sessions;
  }
}
