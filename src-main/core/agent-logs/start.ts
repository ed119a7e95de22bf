/**
 * The agent-log imports as the core runs them: one importer and watcher per agent whose import is
 * on, all reading (and, with SQLite, storing) through one set of worker threads.
 */
import type { AgentId } from '../../../src-shared/agents.js';
import type { Logger } from '../logger.js';
import { AGENT_LOG_ADAPTERS } from './adapters/index.js';
import { parseWorkerThreads, storeWorkerThreads } from './import-threads.js';
import { ImportWorker } from './import-worker-client.js';
import { AgentLogImporter, type ImporterDeps, type ImportStatus } from './importer.js';
import { watchLogs } from './watcher.js';

export interface AgentLogImport {
  agent: AgentId;
  status(): ImportStatus;
  /** Imports what is new now (the watcher also does it on its own); returns how many requests were new. */
  scan(): Promise<number>;
  /** Resolves after the first pass. */
  ready: Promise<void>;
}

export interface AgentLogImports {
  get(agent: AgentId): AgentLogImport | undefined;
  all(): AgentLogImport[];
  stop(): Promise<void>;
}

/** `roots` per agent; an agent without roots (its import off) is not started. */
export function startAgentLogImports(roots: Partial<Record<AgentId, string[]>>, deps: Omit<ImporterDeps, 'roots' | 'runPass'>, logger: Logger): AgentLogImports {
  const connection = deps.store.importConnection;
  const threads = connection ? storeWorkerThreads(connection, deps.inFlight, deps.activity, deps.now) : parseWorkerThreads(deps.activity);
  const worker = new ImportWorker(threads);
  const imports = new Map<AgentId, AgentLogImport>();
  const stops: (() => Promise<void>)[] = [];
  for (const adapter of AGENT_LOG_ADAPTERS) {
    const agentRoots = roots[adapter.agent] ?? [];
    if (agentRoots.length === 0) continue;
    const importer = new AgentLogImporter(adapter, { ...deps, roots: agentRoots, runPass: (...args) => worker.pass(...args) });
    let lastInserted = 0;
    const watcher = watchLogs(async () => (lastInserted = await importer.scan()), agentRoots, logger, adapter.agent);
    stops.push(watcher.stop);
    imports.set(adapter.agent, {
      agent: adapter.agent,
      status: () => importer.status,
      scan: async () => {
        await watcher.scan();
        return lastInserted;
      },
      ready: watcher.ready,
    });
  }
  return {
    get: (agent) => imports.get(agent),
    all: () => [...imports.values()],
    async stop() {
      // The worker goes first: a pass under way then ends at its next batch, and its rows so far stay stored.
      const stopping = stops.map((stop) => stop());
      await worker.close();
      await Promise.all(stopping);
    },
  };
}
