/** The agents view's reads (GET /api/agents/:agent/…), typed by src-shared/agent-views.ts. */
import type {
  AgentDaily, AgentModel, AgentProject, AgentSession, AgentSummary, AgentViewId, AgentWindows, DailyGroup, Paged, RangeKey, SessionSort, SortOrder,
} from '../../src-shared/agent-views';
import type { AgentLogStatus } from '../../src-shared/agents';
import { query, request } from './client';

export interface PageParams {
  sort: SessionSort;
  order: SortOrder;
  limit: number;
  offset: number;
}

/** The viewer's zone, so that "today" and each day start at their midnight. */
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The path of one part of the view for an agent and range; `format` makes it a download of the same figures. */
export function agentPath(agent: AgentViewId, part: string, range: RangeKey, params: Record<string, string | number | undefined> = {}, format?: 'csv' | 'json'): string {
  return `agents/${agent}/${part}?${query({ range, tz: zone(), ...params, format })}`;
}

const get = <T>(path: string) => request<T>('GET', path);

export const agentApi = {
  summary: (agent: AgentViewId, range: RangeKey, project?: string) => get<AgentSummary>(agentPath(agent, 'summary', range, { project })),
  daily: (agent: AgentViewId, range: RangeKey, group: DailyGroup) => get<AgentDaily>(agentPath(agent, 'daily', range, { group })),
  projects: (agent: AgentViewId, range: RangeKey, page: PageParams) => get<Paged<AgentProject>>(agentPath(agent, 'projects', range, { ...page })),
  sessions: (agent: AgentViewId, range: RangeKey, page: PageParams, project: string | null) =>
    get<Paged<AgentSession>>(agentPath(agent, 'sessions', range, { ...page, project: project ?? undefined })),
  models: (agent: AgentViewId, range: RangeKey, page: PageParams) => get<Paged<AgentModel>>(agentPath(agent, 'models', range, { ...page })),
  windows: (agent: AgentViewId, range: RangeKey) => get<AgentWindows>(agentPath(agent, 'windows', range)),
  /** The log import's status; the proxy's own traffic has none (null). */
  status: async (agent: AgentViewId): Promise<AgentLogStatus | null> => (agent === 'proxy' ? null : get<AgentLogStatus>(`agents/${agent}/status`)),
};
