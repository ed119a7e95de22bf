/** The built app as a process: kill -9 under load, a second instance, a corrupt database file. */
import Anthropic from '@anthropic-ai/sdk';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { CLI, startServe } from '../helpers/serve-process.js';
import { waitFor } from '../helpers/wait.js';

let mock: MockAnthropic;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  mock = await startMockAnthropic();
});
afterAll(() => mock.close());

const freshDir = () => mkdtempSync(join(tmpdir(), 'agent-budget-crash-'));

describe('crash safety', () => {
  it('after kill -9 with requests in flight, the restart settles every reservation and no budget ends over its cap', async () => {
    const dataDir = freshDir();
    const env = { AGENT_BUDGET_DATA_DIR: dataDir, ANTHROPIC_UPSTREAM_URL: mock.url };
    const first = await startServe(env);
    await first.api('POST', '/budgets', { name: 'crash', max_dollars: 0.1 });
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: first.base, defaultHeaders: { 'X-Budget-Id': 'crash' }, maxRetries: 0 });
    mock.scenario = { kind: 'gate' };
    const gatedBefore = mock.gated();
    let refused = 0;
    const calls = Array.from({ length: 60 }, () =>
      client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }], stream: true }).then(
        async (stream) => {
          for await (const _ of stream);
        },
        (error: { status?: number }) => void (error.status === 402 && refused++),
      ),
    );
    await waitFor(() => mock.gated() - gatedBefore + refused === 60, 'every request to be admitted or refused');
    const admitted = mock.gated() - gatedBefore;
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.allSettled(calls);
    mock.openGate();

    const second = await startServe(env);
    try {
      const budget = (await second.api('GET', '/budgets/crash')).body;
      expect(budget.reserved_dollars).toBe(0);
      expect(budget.spent_dollars).toBeLessThanOrEqual(0.1);
      const usage = (await second.api('GET', '/budgets/crash/usage?limit=500')).body;
      expect(usage.total).toBe(60);
      const byStatus = (status: string) => usage.items.filter((row: { status: string }) => row.status === status).length;
      expect(byStatus('interrupted')).toBe(admitted);
      expect(byStatus('blocked')).toBe(refused);
      expect(usage.items.filter((row: { status: string; estimated: boolean }) => row.status === 'interrupted' && !row.estimated)).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('a second instance on the same data folder refuses to start with a clear message', async () => {
    const dataDir = freshDir();
    const first = await startServe({ AGENT_BUDGET_DATA_DIR: dataDir, ANTHROPIC_UPSTREAM_URL: mock.url });
    try {
      const error = await startServe({ AGENT_BUDGET_DATA_DIR: dataDir, ANTHROPIC_UPSTREAM_URL: mock.url }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/Another agent-budget instance is already using the data folder/);
      expect((await first.api('GET', '/budgets/default')).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('a corrupt database file is moved aside with a clear message and a fresh store starts', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, 'agent-budget.db'), 'this is not a database, just bytes that say so'.repeat(200));
    const served = await startServe({ AGENT_BUDGET_DATA_DIR: dataDir, ANTHROPIC_UPSTREAM_URL: mock.url });
    try {
      expect((await served.api('GET', '/budgets/default')).body.name).toBe('default');
      expect(readdirSync(dataDir).some((name) => name.startsWith('agent-budget.db.corrupt-'))).toBe(true);
      expect(served.output()).toMatch(/corrupt; it was moved aside/);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }
  });
});
