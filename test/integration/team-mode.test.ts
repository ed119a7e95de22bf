/**
 * Team mode through the real proxy: three app instances on one PostgreSQL, as three laptops would
 * run them, fire hundreds of concurrent requests at one small shared budget. The cap holds across
 * all of them, every request is accounted for, and every instance shows the same spend.
 */
import Anthropic from '@anthropic-ai/sdk';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import type { CoreEvent } from '../../src-main/core/events.js';
import { MIGRATIONS } from '../../src-main/core/store/migrations.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestCore, type TestCore } from '../helpers/core.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { postgresKind } from '../store/stores.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { SHARED_STATE_TTL_MS } from '../../src-main/core/store/store.js';
import { waitFor, waitWithin } from '../helpers/wait.js';

const kind = postgresKind();
const execFileAsync = promisify(execFile);
const CAP_DOLLARS = 0.5;
const REQUESTS = 300;
// A change on one instance must show on the others within the shared-state bound; the slack is for
// a loaded machine (one refresh read, the test's own polling), not part of the promise.
const WITHIN_MS = SHARED_STATE_TTL_MS + 2_000;

describe.skipIf(kind.skip)('several instances sharing budgets on PostgreSQL', () => {
  let server: TestPostgres;
  let mock: MockAnthropic;
  let instances: TestCore[];
  beforeAll(async () => {
    server = await startTestPostgres();
    const url = await server.freshDatabase();
    mock = await startMockAnthropic();
    const env = { ANTHROPIC_UPSTREAM_URL: mock.url, AGENT_BUDGET_DATABASE_URL: url };
    // Started together, as a team's machines may be: migrations and seeding must not collide.
    instances = await Promise.all([startTestCore(env), startTestCore(env), startTestCore(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((t) => t.close()));
    await mock.close();
    await server.stop();
  });

  it('never lets hundreds of concurrent requests from three instances cross one cap', async () => {
    const created = await instances[0].api('POST', '/budgets', { name: 'team', max_dollars: CAP_DOLLARS, period: 'monthly', timezone: 'Europe/Paris' });
    expect(created.status).toBe(201);
    const outcomes = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        const response = await fetch(`${instances[i % 3].base}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01', 'x-budget-id': 'team' },
          body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 2_000, stream: i % 2 === 0, messages: [{ role: 'user', content: `request ${i}` }] }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    await Promise.all(instances.map((t) => settled(t)));
    const allowed = outcomes.filter((s) => s === 200).length;
    const blocked = outcomes.filter((s) => s === 402).length;
    expect(allowed + blocked).toBe(REQUESTS);
    expect(allowed).toBeGreaterThan(0);
    expect(blocked).toBeGreaterThan(0);

    const views = await Promise.all(instances.map(async (t) => (await t.api('GET', '/budgets/team')).body));
    for (const view of views) {
      expect(view.spent_dollars).toBeLessThanOrEqual(CAP_DOLLARS);
      expect(view).toMatchObject({ spent_dollars: views[0].spent_dollars, reserved_dollars: 0 });
    }
    const usage = await instances[2].api('GET', '/budgets/team/usage?limit=1');
    expect(usage.body.total).toBe(REQUESTS);
    const upstreamCalls = mock.requests.filter((r) => r.url === '/v1/messages' || r.url.startsWith('/v1/messages?')).length;
    expect(upstreamCalls).toBe(allowed);
  }, 120_000);

  it('applies the schema for operators with `npm run cli -- migrate`, and again finds nothing to do', async () => {
    const url = await server.freshDatabase();
    for (let run = 0; run < 2; run++) {
      const { stdout } = await execFileAsync(process.execPath, ['dist/src-main/cli.js', 'migrate'], { env: { ...process.env, AGENT_BUDGET_DATABASE_URL: url, LOG_LEVEL: 'silent' } });
      expect(stdout).toContain("the postgres store's schema is up to date");
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("shows a pause made on one instance on every other instance's tray and dashboard, and resumes them together", async () => {
    // The next `paused` event an instance's bus sends, which is what its tray and dashboard follow.
    const nextPausedEvent = (t: TestCore) =>
      new Promise<boolean>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no paused event within 10 s')), 10_000);
        const off = t.core.bus.on((event) => {
          if (event.type !== 'paused') return;
          clearTimeout(timer);
          off();
          resolve(event.paused);
        });
      });
    const seenPaused = nextPausedEvent(instances[2]);
    await instances[0].api('POST', '/pause', { paused: true });
    expect(await seenPaused).toBe(true);
    expect((await instances[2].api('GET', '/info')).body.paused).toBe(true);
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: instances[2].base, defaultHeaders: { 'X-Budget-Id': 'team' }, maxRetries: 0 });
    const refused = (await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(refused.status).toBe(402);
    expect(refused.message).toMatch(/paused/);

    const seenResumed = nextPausedEvent(instances[2]);
    await instances[1].api('POST', '/pause', { paused: false });
    expect(await seenResumed).toBe(false);
    expect((await instances[2].api('GET', '/info')).body.paused).toBe(false);
  });

  it('shows a budget created on one instance to the SDK on another, and refuses it there when spent', async () => {
    await instances[1].api('POST', '/budgets', { name: 'shared-small', max_dollars: 0.01 });
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: instances[2].base, defaultHeaders: { 'X-Budget-Id': 'shared-small' }, maxRetries: 0 });
    const error = (await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1_000, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(402);
    // The refusal is answered at once; its 100% alert is written to the shared store just after.
    const fullAlerts = async () => {
      const { body } = await instances[0].api('GET', '/alerts');
      const found = body.alerts.filter((a: { budget_name: string; threshold: number }) => a.budget_name === 'shared-small' && a.threshold === 100);
      return found.length > 0 && found;
    };
    expect(await waitFor(fullAlerts, 'the 100% alert on the other instance')).toHaveLength(1);
  });

  const message = (t: TestCore, budget: string, model = 'claude-sonnet-4-6') =>
    fetch(`${t.base}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01', 'x-budget-id': budget },
      body: JSON.stringify({ model, max_tokens: 1_000, messages: [{ role: 'user', content: 'hi' }] }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

  it('prices a model through one instance and another admits it and charges that price within the bound', async () => {
    const [a, , c] = instances;
    await a.api('POST', '/budgets', { name: 'priced-elsewhere', max_dollars: 5 });
    const before = await message(c, 'priced-elsewhere', 'acme-coder-1');
    expect(before.status).toBe(400);
    expect(before.body.error.message).toMatch(/no price for model 'acme-coder-1'/);
    // C's dashboard is told to reload its pricing view when C sees the change.
    const pricingEvent = new Promise<void>((resolve) => {
      const off = c.core.bus.on((event) => {
        if (event.type !== 'pricing') return;
        off();
        resolve();
      });
    });
    expect((await a.api('PUT', '/pricing', { model: 'acme-coder-1', provider: 'anthropic', input_per_mtok: 100, output_per_mtok: 1_000 })).status).toBe(200);
    await pricingEvent;
    const admitted = await waitWithin(WITHIN_MS, async () => (await message(c, 'priced-elsewhere', 'acme-coder-1')).status === 200, 'instance C admitting the model priced on A');
    expect(admitted).toBe(true);
    await settled(c);
    // The mock answers 25 input and 12 output tokens: 25 × $100 + 12 × $1,000 per million = $0.0145.
    const usage = (await c.api('GET', '/budgets/priced-elsewhere/usage')).body.items;
    expect(usage[0]).toMatchObject({ model: 'acme-coder-1', status: 'ok', cost_dollars: 0.0145, price_inferred: false });
  });

  it('a budget renamed and its cap lowered through one instance take effect on the others within the bound', async () => {
    const [a, b, c] = instances;
    // C's tray and dashboard follow budgets changed elsewhere, as they follow changes made on C.
    const events: CoreEvent[] = [];
    const off = c.core.bus.on((event) => events.push(event));
    const seenOnC = (action: string, id: number, what: string) =>
      waitWithin(WITHIN_MS, async () => events.some((e) => e.type === 'budgets' && e.action === action && e.id === id), what);
    const created = await a.api('POST', '/budgets', { name: 'before-rename', max_dollars: 5 });
    await seenOnC('created', created.body.id, 'C announcing the budget created on A');
    // C has used the budget under its old name, so it holds a copy of its rule.
    expect((await message(c, 'before-rename')).status).toBe(200);
    await settled(c);
    expect((await b.api('PATCH', '/budgets/before-rename', { name: 'after-rename', max_dollars: 0.01 })).status).toBe(200);
    await seenOnC('updated', created.body.id, 'C announcing the budget changed on B');
    off();
    // Up to 1,000 output tokens at $15/M may cost $0.015: over the lowered $0.01 cap.
    const refused = await waitWithin(WITHIN_MS, async () => {
      const answer = await message(c, 'after-rename');
      return answer.status === 402 && answer.body.error.message;
    }, "instance C refusing under the renamed budget's lowered cap");
    expect(refused).toMatch(/^Budget 'after-rename' cannot cover this request: .* of \$0\.01;/);
    const gone = await waitWithin(WITHIN_MS, async () => {
      const answer = await message(c, 'before-rename');
      return answer.status === 404 && answer.body.error.message;
    }, 'instance C forgetting the old name');
    expect(gone).toMatch(/'before-rename'/);
    for (const t of instances) expect((await t.api('GET', '/budgets/after-rename')).body).toMatchObject({ name: 'after-rename', max_dollars: 0.01 });
  });
});
