/**
 * GET /api/agents/:agent/status: what is known of an agent's logs and how far their import is (the
 * dashboard's agents view and its progress bar). POST /api/agents/:agent/import reads what is new now.
 */
import { Router } from 'express';
import { AGENT_IDS, type AgentId, type AgentLogStatus, logSourceOf } from '../../../src-shared/agents.js';
import { AppError } from '../errors.js';
import type { ApiContext } from './context.js';

function agentOf(param: string): AgentId {
  const agent = AGENT_IDS.find((id) => id === param);
  if (!agent) throw new AppError('not_found_error', `No agent '${param}': the agents whose logs are read are ${AGENT_IDS.join(', ')}.`);
  return agent;
}

const offFlag = (agent: AgentId) => `AGENT_BUDGET_${agent.split('-')[0].toUpperCase()}_LOGS=0`;

export function agentStatusRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/agents/:agent/status', async (req, res) => {
    const agent = agentOf(req.params.agent);
    const logs = ctx.agentLogs.get(agent);
    if (logs) {
      const { corrected: _corrected, duplicates: _duplicates, ...status } = logs.status();
      res.json(status satisfies AgentLogStatus);
      return;
    }
    const off: AgentLogStatus = {
      agent, roots: [], state: 'off', files: 0, files_read: 0, bytes_total: 0, bytes_read: 0,
      requests: await ctx.store.usage.countBySource(logSourceOf(agent)), requests_this_pass: 0, malformed_lines: 0, unpriced_models: [],
      last_import_at: null, last_change_at: null,
    };
    res.json(off);
  });

  router.post('/agents/:agent/import', async (req, res) => {
    const agent = agentOf(req.params.agent);
    const logs = ctx.agentLogs.get(agent);
    if (!logs) throw new AppError('invalid_request_error', `The ${agent} log import is off (${offFlag(agent)} or AGENT_BUDGET_AGENT_LOGS=0).`);
    res.json({ imported: await logs.scan() });
  });

  return router;
}
