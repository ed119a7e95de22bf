#!/usr/bin/env node
/**
 * The bounded soak: mixed traffic for N minutes (default 10) through the built app against a loopback
 * mock, several small budgets whose caps are raised as they run out (as a period reset would give
 * them room again). At the end it checks what a user relies on: no budget over its cap, every
 * request accounted for (allowed + blocked + errored = sent, and one usage row each), nothing left
 * reserved, memory flat. Exits non-zero on any failure.
 *
 *   npm run soak                 # 10 minutes
 *   npm run soak -- --minutes 1  # a short local run
 */
import { Agent, request } from 'undici';
import { startMockAnthropic } from './lib/mock-anthropic.mjs';
import { rssMb, startServe } from './lib/serve.mjs';

const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg === -1 ? 10 : Number(process.argv[minutesArg + 1]);
const DURATION_MS = MINUTES * 60_000;
const WARMUP_MS = Math.min(60_000, DURATION_MS / 5);
const CONCURRENCY = 24;
const BUDGETS = ['soak-a', 'soak-b', 'soak-c'];
const CAP_STEP = 1;

const mock = await startMockAnthropic();
const app = await startServe({ upstream: `http://127.0.0.1:${mock.address().port}` });
const pid = app.child.pid;
const caps = new Map(BUDGETS.map((name) => [name, CAP_STEP]));
for (const name of BUDGETS) await app.api('POST', '/budgets', { name, max_dollars: CAP_STEP });

const counts = { sent: 0, allowed: 0, blocked: 0, errored: 0 };
const sentPer = new Map(BUDGETS.map((name) => [name, 0]));
const dispatcher = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
const body = (stream) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 800, stream, messages: [{ role: 'user', content: 'soak' }] });

async function one(budget) {
  const kind = Math.random();
  const stream = kind < 0.5;
  const fault = kind < 0.08 ? 'slow' : kind > 0.92 ? 'error' : undefined;
  const abort = new AbortController();
  counts.sent++;
  sentPer.set(budget, sentPer.get(budget) + 1);
  try {
    const response = await request(`${app.base}/v1/messages`, {
      method: 'POST',
      dispatcher,
      signal: abort.signal,
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-soak', 'x-budget-id': budget, ...(fault ? { 'x-mock-fault': fault } : {}) },
      body: body(stream || fault === 'slow'),
    });
    if (fault === 'slow') {
      // Leave mid-stream, as an impatient client does.
      for await (const _ of response.body) {
        abort.abort();
        break;
      }
      counts.errored++;
      return;
    }
    await response.body.text();
    if (response.statusCode === 200) counts.allowed++;
    else if (response.statusCode === 402) counts.blocked++;
    else counts.errored++;
  } catch {
    counts.errored++;
  }
}

async function worker(deadline) {
  while (Date.now() < deadline) await one(BUDGETS[Math.floor(Math.random() * BUDGETS.length)]);
}

/** Gives a budget that ran out more room, like a new period would. */
async function raiseExhaustedCaps() {
  const { budgets } = await app.api('GET', '/budgets');
  for (const b of budgets.filter((x) => caps.has(x.name) && x.remaining_dollars < 0.05)) {
    const cap = caps.get(b.name) + CAP_STEP;
    caps.set(b.name, cap);
    await app.api('PATCH', `/budgets/${b.name}`, { max_dollars: cap });
  }
}

const started = Date.now();
const deadline = started + DURATION_MS;
const samples = [];
const sampler = setInterval(() => samples.push({ t: Date.now() - started, rss: rssMb(pid) }), 2_000);
const raiser = setInterval(() => void raiseExhaustedCaps().catch(() => undefined), 2_000);
const progress = setInterval(() => process.stdout.write(`  ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(counts)} rss ${rssMb(pid)?.toFixed(1)} MB\n`), 30_000);
await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(deadline)));
clearInterval(sampler);
clearInterval(raiser);
clearInterval(progress);

// Settlement follows each response; give it a bounded moment to finish.
let budgets = [];
for (let i = 0; i < 200; i++) {
  budgets = (await app.api('GET', '/budgets')).budgets.filter((b) => caps.has(b.name));
  if (budgets.every((b) => b.reserved_dollars === 0)) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const failures = [];
for (const b of budgets) {
  const usage = await app.api('GET', `/budgets/${b.name}/usage?limit=1`);
  if (b.spent_dollars > caps.get(b.name) + 1e-9) failures.push(`${b.name} spent $${b.spent_dollars} over its cap $${caps.get(b.name)}`);
  if (b.reserved_dollars !== 0) failures.push(`${b.name} still holds $${b.reserved_dollars} reserved`);
  if (usage.total !== sentPer.get(b.name)) failures.push(`${b.name}: ${sentPer.get(b.name)} sent but ${usage.total} usage rows`);
}
if (counts.allowed + counts.blocked + counts.errored !== counts.sent) failures.push(`allowed + blocked + errored = ${counts.allowed + counts.blocked + counts.errored}, sent ${counts.sent}`);
const warm = samples.filter((s) => s.t >= WARMUP_MS && s.rss !== null);
const settledRss = warm.slice(0, 5).reduce((sum, s) => sum + s.rss, 0) / Math.max(1, Math.min(5, warm.length));
const finalRss = warm.slice(-5).reduce((sum, s) => sum + s.rss, 0) / Math.max(1, Math.min(5, warm.length));
// Flat: the last samples may not exceed the first ones after warm-up by more than 20% + 10 MB (GC timing noise).
if (warm.length > 0 && finalRss > settledRss * 1.2 + 10) failures.push(`memory grew from ${settledRss.toFixed(1)} MB to ${finalRss.toFixed(1)} MB`);

app.child.kill('SIGTERM');
mock.close();
await dispatcher.close();
const summary = { minutes: MINUTES, ...counts, requests_per_s: Math.round(counts.sent / (DURATION_MS / 1000)), rss_after_warmup_mb: +settledRss.toFixed(1), rss_end_mb: +finalRss.toFixed(1), peak_rss_mb: Math.max(...samples.map((s) => s.rss ?? 0)), caps: Object.fromEntries(caps), spent: Object.fromEntries(budgets.map((b) => [b.name, b.spent_dollars])) };
process.stdout.write(`soak: ${JSON.stringify(summary, null, 2)}\n`);
if (failures.length > 0) {
  process.stderr.write(`soak FAILED:\n  ${failures.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write('soak passed: no overspend, every request accounted for, nothing left reserved, memory flat\n');
