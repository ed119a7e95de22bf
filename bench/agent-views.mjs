#!/usr/bin/env node
/**
 * The Agents view's slowest routes at a million requests, timed alone (not part of `npm test` or
 * `npm run bench`): a store with 1,000,000 proxy rows and 1,000,000 imported from agent logs across
 * a year (bench/lib/big-store.mjs, as the bench builds it), then each route's wall time and the
 * app's CPU time per request (all its threads, from /proc).
 *
 *   node bench/agent-views.mjs                          # build a store in a temp folder, time this build
 *   node bench/agent-views.mjs --store DIR              # keep the store in DIR (built once), time a copy of it
 *   node bench/agent-views.mjs --store DIR --dist OTHER # time another build (e.g. the one before a change)
 *   node bench/agent-views.mjs --runs 10 --path '/agents/proxy/projects?range=all'
 *
 * A copy is timed so that a build with a newer schema migrates (and backfills) its own copy.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillStore } from './lib/big-store.mjs';
import { ROOT, startServe } from './lib/serve.mjs';

const DEFAULT_PATHS = [
  '/agents/proxy/projects?range=all',
  '/agents/claude-code/sessions?range=all&limit=1000&format=csv',
  '/agents/claude-code/sessions?range=all&limit=1000',
  '/agents/proxy/summary?range=all',
  '/agents/proxy/sessions?range=all',
  '/agents/claude-code/summary?range=all',
  '/agents/claude-code/projects?range=all',
  '/agents/claude-code/sessions?range=all',
  '/agents/claude-code/sessions?range=all&sort=last_at&offset=500',
  '/agents/claude-code/projects?range=30d',
  '/agents/claude-code/models?range=all',
  '/agents/claude-code/daily?group=project&range=all',
  '/agents/claude-code/windows?range=all',
];

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}
const many = (name) => process.argv.flatMap((arg, i) => (arg === name ? [process.argv[i + 1]] : []));

const RUNS = Number(option('--runs', 10));
const DIST = option('--dist', join(ROOT, 'dist'));
const PATHS = many('--path').length > 0 ? many('--path') : DEFAULT_PATHS;
const MOCK = 'http://127.0.0.1:9'; // never called: no request here is proxied
const DB = 'agent-budget.db';
const log = (line) => process.stderr.write(`agent-views: ${line}\n`);

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** CPU time of every thread of a process so far, in ms (the scheduler's nanoseconds, not 10 ms ticks). */
function cpuMs(pid) {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return ns / 1e6;
}

async function buildStore(dir) {
  mkdirSync(dir, { recursive: true });
  const first = await startServe({ upstream: MOCK, dataDir: dir });
  const ids = [];
  for (const name of ['team-a', 'team-b', 'team-c']) ids.push((await first.api('POST', '/budgets', { name, max_dollars: null })).id);
  await stop(first.child);
  log('writing 1,000,000 proxy rows and 1,000,000 imported from agent logs (a minute or two)');
  fillStore(dir, { rows: 1_000_000, logRows: 1_000_000, budgetIds: ids });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const storeDir = option('--store', null) ?? mkdtempSync(join(tmpdir(), 'agent-budget-views-store-'));
if (!existsSync(join(storeDir, DB))) await buildStore(storeDir);
const copy = mkdtempSync(join(tmpdir(), 'agent-budget-views-run-'));
copyFileSync(join(storeDir, DB), join(copy, DB));
const started = performance.now();
const app = await startServe({ upstream: MOCK, dataDir: copy, dist: DIST });
log(`${DIST} started on a copy of ${storeDir} in ${(performance.now() - started).toFixed(0)} ms (migrations included)`);
try {
  const rows = [];
  for (const path of PATHS) {
    const url = `${app.base}/api${path}`;
    // The first request loads the API's modules and warms the page cache: start-up, not the query.
    const firstBody = await (await fetch(url)).text();
    const wall = [];
    const cpu = [];
    for (let i = 0; i < RUNS; i++) {
      const cpuBefore = cpuMs(app.child.pid);
      const t0 = performance.now();
      const response = await fetch(url);
      const body = await response.text();
      wall.push(performance.now() - t0);
      cpu.push(cpuMs(app.child.pid) - cpuBefore);
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 200)}`);
    }
    rows.push({ path, wall_ms: median(wall), cpu_ms: median(cpu), bytes: firstBody.length });
  }
  process.stdout.write(`| route | wall, median of ${RUNS} | app CPU per request, median | bytes |\n|---|---|---|---|\n`);
  for (const r of rows) process.stdout.write(`| \`${r.path}\` | ${r.wall_ms.toFixed(1)} ms | ${r.cpu_ms.toFixed(1)} ms | ${r.bytes} |\n`);
} finally {
  await stop(app.child);
  rmSync(copy, { recursive: true, force: true });
}
