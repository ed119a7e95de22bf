/** The first-run API (GET /api/first-run and its one-click setup, undo and complete). */
import type { AgentId } from '../../src-shared/agents';
import type { FirstRunSetupResult, FirstRunStatus, FirstRunUndoResult } from '../../src-shared/first-run';
import { request } from './client';

export const firstRunApi = {
  status: () => request<FirstRunStatus>('GET', 'first-run'),
  setup: (agent: AgentId, budget: string) => request<FirstRunSetupResult>('POST', `first-run/agents/${agent}/setup`, { budget }),
  undo: (agent: AgentId) => request<FirstRunUndoResult>('POST', `first-run/agents/${agent}/undo`),
  complete: () => request<{ completed_at: string }>('POST', 'first-run/complete'),
};
