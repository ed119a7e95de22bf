#!/usr/bin/env node
/**
 * `npm run bench`: what the proxy adds, measured on the product as users run it (the built app
 * started as `npm run serve` does, a real SQLite file, every guard on the path) against a loopback
 * mock that does almost no work. Prints a table and writes bench/results/latest.json (and a dated copy).
 *
 *   npm run bench               # the full run (a few minutes)
 *   npm run bench -- --quick    # a rough table in under a minute
 *   npm run bench -- --pg postgres://…/db   # also: what team mode (a shared PostgreSQL) adds
 *   npm run bench -- --history  # only the history phase: a year of Claude Code logs read while the proxy serves
 */
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillStore } from './lib/big-store.mjs';
import { historyRows, measureHistory } from './lib/history-phase.mjs';
import { measureGrowth } from './lib/growth.mjs';
import { PINNED, PROXY_PREFIX, pinSelfToClientCore, runOnClientCore, startPinnedMock } from './lib/pinning.mjs';
import { markdown, table } from './lib/report.mjs';
import { ROOT, rssMb, startServe } from './lib/serve.mjs';
import { summarize } from './lib/stats.mjs';
import { measureLatency, measureStream, target } from './lib/timing.mjs';

const QUICK = process.argv.includes('--quick');
const HISTORY_ONLY = process.argv.includes('--history');
const pgIndex = process.argv.indexOf('--pg');
const PG_URL = pgIndex === -1 ? null : process.argv[pgIndex + 1];
const PLAN = QUICK
  ? { rounds: 1_500, streamRounds: 100, warmup: 300, warmupMs: 0, loadSeconds: 4, longRequests: 20_000, longChunkSeconds: 3, storeRows: 100_000, apiRuns: 5, statuslineRuns: 5, idleRounds: 200 }
  : { rounds: 10_000, streamRounds: 500, warmup: 1_000, warmupMs: 15_000, loadSeconds: 15, longRequests: 1_000_000, longChunkSeconds: 10, storeRows: 1_000_000, apiRuns: 20, statuslineRuns: 20, idleRounds: 1_000 };
const AFTER_IDLE_MS = 5;
const HERE = import.meta.dirname;
// V8's memory reducer gives start-up memory back 10-30 s after the last activity; a minute is past it.
const IDLE_MS = QUICK ? 3_000 : 60_000;
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => process.stderr.write(`bench: ${line}\n`);

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function load(url, connections, budget, seconds = PLAN.loadSeconds) {
  const out = await runOnClientCore([join(HERE, 'lib', 'load.mjs'), url, String(connections), String(seconds), ...(budget ? [budget] : [])]);
  return JSON.parse(out);
}

/** Latency, streams, throughput and memory on one running app. */
async function measureProxy(mockUrl) {
  const app = await startServe({ upstream: mockUrl, prefix: PROXY_PREFIX });
  await app.api('POST', '/budgets', { name: 'bench', max_dollars: 1_000_000 });
  // Idle means nothing happening for a while: V8 gives back start-up memory after some seconds.
  await settle(IDLE_MS);
  const idle = rssMb(app.child.pid);
  const direct = target(mockUrl);
  const proxied = target(app.base, { 'x-budget-id': 'bench' });
  log(`latency: ${PLAN.rounds} paired rounds`);
  const latency = await measureLatency(direct, proxied, PLAN);
  log(`streams: ${PLAN.streamRounds} paired 200-event streams`);
  const stream = await measureStream(direct, proxied, { rounds: PLAN.streamRounds, warmup: Math.min(50, PLAN.warmup) });
  // The floor: the same proxy on a route it forwards without metering (no store, no admission).
  const unmetered = target(app.base, { 'x-budget-id': 'bench' }, '/v1/messages/count_tokens');
  const floor = await measureLatency(direct, unmetered, { rounds: Math.round(PLAN.rounds / 2), warmup: PLAN.warmup });
  // Agents call seconds apart, so the proxy's core has gone idle before each request; so has it here
  // between streams, while the direct one runs. Both routes again, each pair after a pause.
  log(`after idle: ${PLAN.idleRounds} paired rounds after ${AFTER_IDLE_MS} ms of nothing, metered and unmetered`);
  const idleRun = { rounds: PLAN.idleRounds, warmup: 0, idleMs: AFTER_IDLE_MS };
  const afterIdle = { idle_ms: AFTER_IDLE_MS, metered: await measureLatency(direct, proxied, idleRun), unmetered: await measureLatency(direct, unmetered, idleRun) };
  await Promise.all([direct.pool.close(), proxied.pool.close(), unmetered.pool.close()]);
  const throughput = [];
  const underLoad = [];
  for (const connections of [32, 200]) {
    log(`throughput: ${connections} connections, ${PLAN.loadSeconds} s each way`);
    const directRun = await load(`${mockUrl}/v1/messages`, connections);
    const sampler = setInterval(() => underLoad.push(rssMb(app.child.pid)), 250);
    const proxiedRun = await load(`${app.base}/v1/messages`, connections, 'bench');
    clearInterval(sampler);
    throughput.push({ connections, direct: directRun, proxied: proxiedRun });
  }
  log(`long run: ${PLAN.longRequests.toLocaleString('en-US')} proxied requests at 32 connections`);
  const growth = await measureGrowth({
    requests: PLAN.longRequests,
    chunkSeconds: PLAN.longChunkSeconds,
    load: (seconds) => load(`${app.base}/v1/messages`, 32, 'bench', seconds),
    rss: () => rssMb(app.child.pid),
    log,
  });
  const peak = rssMb(app.child.pid, 'VmHWM');
  await settle(IDLE_MS);
  const idleAfter = rssMb(app.child.pid);
  const { budgets } = await app.api('GET', '/budgets');
  const bench = budgets.find((b) => b.name === 'bench');
  if (bench.spent_dollars > bench.max_dollars) throw new Error('the bench budget went over its cap');
  await stop(app.child);
  const mean = underLoad.reduce((sum, x) => sum + x, 0) / underLoad.length;
  return { startup_ms: app.startupMs, latency, unmetered_floor: floor, after_idle: afterIdle, stream, throughput, memory: { idle_s: IDLE_MS / 1000, idle_mb: idle, load_mb: mean, peak_mb: peak, idle_after_load_mb: idleAfter, growth } };
}

/** Team mode: the same paired latency with the proxy on a shared PostgreSQL (one round trip to admit, one to settle). */
async function measureTeamMode(mockUrl) {
  const app = await startServe({ upstream: mockUrl, prefix: PROXY_PREFIX, env: { AGENT_BUDGET_DATABASE_URL: PG_URL } });
  const budget = await app.api('POST', '/budgets', { name: `bench-${Date.now()}`, max_dollars: 1_000_000 });
  const direct = target(mockUrl);
  const proxied = target(app.base, { 'x-budget-id': budget.name });
  log(`team mode: ${PLAN.rounds} paired rounds on PostgreSQL`);
  const latency = await measureLatency(direct, proxied, PLAN);
  await Promise.all([direct.pool.close(), proxied.pool.close(), stop(app.child)]);
  return latency;
}

async function timeApi(app, path) {
  // The first dashboard request loads express and the API modules once; that is start-up, not query time.
  await (await fetch(`${app.base}/api${path}`)).arrayBuffer();
  const samples = [];
  for (let i = 0; i < PLAN.apiRuns; i++) {
    const started = performance.now();
    const response = await fetch(`${app.base}/api${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** The dashboard's API over a store holding `storeRows` usage rows, and the statusline against it. */
async function measureStore(mockUrl) {
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-bench-store-'));
  const first = await startServe({ upstream: mockUrl, dataDir, prefix: PROXY_PREFIX });
  const ids = [];
  for (const name of ['team-a', 'team-b', 'team-c']) ids.push((await first.api('POST', '/budgets', { name, max_dollars: null })).id);
  await stop(first.child);
  log(`store: writing ${PLAN.storeRows.toLocaleString('en-US')} usage rows`);
  fillStore(dataDir, { rows: PLAN.storeRows, budgetIds: ids });
  const app = await startServe({ upstream: mockUrl, dataDir, prefix: PROXY_PREFIX });
  const paths = [
    '/budgets', '/stats', '/budgets/team-a', '/budgets/team-a/usage?limit=50', '/budgets/team-a/usage?limit=50&status=blocked&offset=100',
    '/budgets/team-a/timeseries?bucket=day', '/budgets/team-a/timeseries?bucket=hour', '/timeseries?bucket=day', '/alerts',
    '/pricing', '/usage/recent-blocked', '/budgets/team-a/sessions', `/sessions/session-${ids[0]}-0`,
  ];
  const api = {};
  for (const path of paths) api[path] = await timeApi(app, path);
  const port = new URL(app.base).port;
  const statusInput = JSON.stringify({ session_id: `session-${ids[0]}-0`, workspace: { project_dir: dataDir } });
  const runs = [];
  const bare = [];
  for (let i = 0; i < PLAN.statuslineRuns; i++) {
    const started = performance.now();
    await runOnClientCore(['-e', '0']);
    bare.push(performance.now() - started);
  }
  for (let i = 0; i < PLAN.statuslineRuns; i++) {
    const started = performance.now();
    const line = await runOnClientCore([join(ROOT, 'dist', 'src-main', 'cli.js'), 'statusline'], { input: statusInput, env: { PORT: port } });
    runs.push(performance.now() - started);
    if (!line.includes('session $')) throw new Error(`statusline printed: ${line}`);
  }
  await stop(app.child);
  const file = join(dataDir, 'agent-budget.db');
  return { store: { rows: PLAN.storeRows, size_mb: statSync(file).size / 2 ** 20, startup_ms: app.startupMs, api }, statusline: summarize(runs), bare_node: summarize(bare) };
}

pinSelfToClientCore();
log(PINNED ? 'proxy pinned to core 0; client and mock share core 1' : 'not pinned (taskset or a second core is missing)');
const mock = await startPinnedMock(join(HERE, 'lib', 'mock-anthropic.mjs'));
const mockUrl = `http://127.0.0.1:${mock.port}`;
/** The history phase: 60 copies is the issue's 485 MB history; --quick reads 6. */
const measureHistoryPhase = () => measureHistory({ mockUrl, copies: QUICK ? 6 : 60, minRounds: QUICK ? 300 : 2_000, log });

function writeResult(name, result, text) {
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(HERE, 'results', `${name}.md`), `${text}\n`);
}

try {
  if (HISTORY_ONLY) {
    const result = { date: new Date().toISOString(), quick: QUICK, machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, pinned: PINNED }, history: await measureHistoryPhase() };
    const lines = historyRows(result.history);
    writeResult(QUICK ? 'history-quick' : 'history', result, ['| Measure | Result | Target |', '|---|---|---|', ...lines.map(([n, v, t, ok]) => `| ${n.trim()} | ${v} | ${t}${ok === false ? ' (missed)' : ''} |`)].join('\n'));
    process.stdout.write(`\nagent-budget history phase${QUICK ? ' (quick)' : ''}: ${result.machine.cpus} × ${result.machine.cpu}, Node ${process.version}\n\n${lines.map(([n, v, t, ok]) => `${n}  ${v}  ${t}${ok === null ? '' : ok ? '  ok' : '  MISSED'}`).join('\n')}\n`);
  } else {
  const proxy = await measureProxy(mockUrl);
  const store = await measureStore(mockUrl);
  const result = {
    date: new Date().toISOString(),
    quick: QUICK,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, pinned: PINNED },
    ...proxy,
    ...store,
    team_mode: PG_URL ? await measureTeamMode(mockUrl) : null,
    history: await measureHistoryPhase(),
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(HERE, 'results', QUICK ? 'quick.json' : 'latest.json'), json);
  if (!QUICK) writeFileSync(join(HERE, 'results', `${result.date.slice(0, 10)}.json`), json);
  writeFileSync(join(HERE, 'results', QUICK ? 'quick.md' : 'latest.md'), `${markdown(result)}\n`);
  process.stdout.write(`\nagent-budget benchmark${QUICK ? ' (quick)' : ''}: ${result.machine.cpus} × ${result.machine.cpu}, Node ${process.version}, ${PINNED ? 'proxy on core 0, client and mock on core 1' : 'unpinned'}\n\n${table(result)}\n`);
  }
} finally {
  await stop(mock.child);
}
