/**
 * The first-run API: GET /api/first-run (the agents found here, the proposed budget, what was
 * changed), POST /api/first-run/agents/:agent/setup and …/undo (one click each, admin token
 * required as for every change), POST /api/first-run/complete (finished or skipped).
 */
import { Router } from 'express';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { FirstRunAgent, FirstRunSetupResult, FirstRunStatus, FirstRunUndoResult } from '../../../src-shared/first-run.js';
import { findBudget } from '../api/budget-routes.js';
import type { ApiContext } from '../api/context.js';
import { validate } from '../api/errors.js';
import { URL_PREFIX } from '../core.js';
import { AppError } from '../errors.js';
import { detectAgent } from './detect.js';
import { AGENT_ENTRIES, entryFor, type AgentEntry, type MachineContext } from './registry.js';
import { FirstRunState } from './state.js';

export const PROPOSED_BUDGET = { name: 'agents', max_dollars: 20, period: 'daily' } as const;

const SetupBody = z.strictObject({ budget: z.string({ error: 'is required' }).min(1, 'is required') });

/** Where the agents' folders are looked for; HOME (USERPROFILE on Windows) as the agents themselves read it. */
export const machineOf = (env: NodeJS.ProcessEnv = process.env): MachineContext => ({ home: homedir(), env, platform: process.platform });

function setupEntry(id: string): AgentEntry {
  const entry = entryFor(id);
  if (!entry) throw new AppError('not_found_error', `No agent '${id}'; the first run knows ${AGENT_ENTRIES.map((e) => e.id).join(', ')}.`);
  return entry;
}

export function firstRunRoutes(ctx: ApiContext, machine: () => MachineContext = machineOf): Router {
  const router = Router();
  const state = new FirstRunState(ctx.config.dataDir);
  const proxyUrl = () => `http://127.0.0.1:${ctx.port()}${URL_PREFIX}`;

  router.get('/first-run', (_req, res) => {
    const record = state.read();
    const here = machine();
    const agents: FirstRunAgent[] = AGENT_ENTRIES.map((entry) => ({
      id: entry.id,
      name: entry.name,
      ...detectAgent(entry, here),
      looked_for: [join(here.home, entry.folder), `\`${entry.command}\` on PATH`],
      plan: entry.setup.plan(here),
      applied: record.applied[entry.id] ?? null,
    }));
    const status: FirstRunStatus = { pending: record.completed_at === null, completed_at: record.completed_at, proxy_url: proxyUrl(), agents, proposed_budget: PROPOSED_BUDGET };
    res.json(status);
  });

  router.post('/first-run/agents/:agent/setup', async (req, res) => {
    const entry = setupEntry(req.params.agent);
    const { budget: ref } = validate(SetupBody, req.body);
    const budget = await findBudget(ctx, ref);
    const changes = entry.setup.apply({ ...machine(), budget: budget.name, proxyUrl: proxyUrl() });
    // A second click keeps the first backups: undo must restore what the person had before.
    state.update((record) => ({ ...record, applied: { ...record.applied, [entry.id]: { budget: budget.name, changes: record.applied[entry.id]?.changes ?? changes } } }));
    const result: FirstRunSetupResult = { agent: entry.id, budget: budget.name, changes };
    res.json(result);
  });

  router.post('/first-run/agents/:agent/undo', (req, res) => {
    const entry = setupEntry(req.params.agent);
    const applied = state.read().applied[entry.id];
    const undone = applied ? entry.setup.undo(machine(), applied.changes) : [];
    state.update((record) => ({ ...record, applied: { ...record.applied, [entry.id]: undefined } }));
    const result: FirstRunUndoResult = { agent: entry.id, undone };
    res.json(result);
  });

  router.post('/first-run/complete', (_req, res) => {
    const record = state.update((current) => ({ ...current, completed_at: current.completed_at ?? new Date(ctx.now()).toISOString() }));
    res.json({ completed_at: record.completed_at });
  });

  return router;
}
