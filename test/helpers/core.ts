/** Starts a real core on a temp data folder and a free loopback port, for integration tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../src-main/core/app.js';
import { loadConfig } from '../../src-main/core/config.js';
import type { Core } from '../../src-main/core/core.js';
import type { Logger } from '../../src-main/core/logger.js';

export interface TestCore {
  core: Core;
  dataDir: string;
  /** `http://127.0.0.1:<port>/agent-budget`: the base URL SDKs are pointed at. */
  base: string;
  /** Calls the admin API with the admin token; JSON in, parsed JSON out. */
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * A new data folder whose first-run walkthrough is already finished, so the dashboard opens on the
 * overview (the walkthrough has its own tests: test/integration/first-run.test.ts, test/browser/first-run.test.ts).
 */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-budget-test-'));
  writeFileSync(join(dir, 'first-run.json'), JSON.stringify({ completed_at: '2026-01-01T00:00:00.000Z', applied: {} }));
  return dir;
}

export async function startTestCore(env: Record<string, string> = {}, options: { now?: () => number; dataDir?: string; logger?: Logger } = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? freshDataDir();
  // The machine's own Claude Code logs stay out of tests; the log-import tests point at their fixtures.
  const config = loadConfig({ PORT: '0', AGENT_BUDGET_DATA_DIR: dataDir, LOG_LEVEL: 'silent', AGENT_BUDGET_AGENT_LOGS: '0', ...env });
  const core = await startCore({ config, now: options.now, logger: options.logger, webhookOptions: { timeoutMs: 2_000, attempts: 3, backoffMs: 10 } });
  const base = `http://127.0.0.1:${core.port}/agent-budget`;
  return {
    core,
    dataDir,
    base,
    async api(method, path, body) {
      const response = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${core.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    close: () => core.close(),
  };
}

/** Resolves once every reservation has been settled (settlement follows the response). */
export async function settled(t: TestCore): Promise<void> {
  const { waitFor } = await import('./wait.js');
  await waitFor(async () => {
    const { body } = await t.api('GET', '/budgets');
    return (body.budgets as { reserved_dollars: number }[]).every((b) => b.reserved_dollars === 0) || undefined;
  }, 'all reservations to settle');
}
