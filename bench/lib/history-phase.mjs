/**
 * The history phase: a year of Claude Code history (bench/lib/history.mjs) read by the app as users
 * run it. Measures the first read (time, MB/s, peak memory) on an otherwise idle app, then, on a
 * fresh app reading the same history, the proxy's added latency (paired rounds, as timing.mjs does)
 * while it reads against the same rounds once it has finished.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistory } from './history.mjs';
import { PINNED } from './pinning.mjs';
import { rssMb, startServe } from './serve.mjs';
import { summarize } from './stats.mjs';
import { target, timeJson } from './timing.mjs';

const POLL_MS = 100;
/**
 * While the proxy is timed, the status is polled once a second, during the read and after it alike:
 * a poll costs the client and the proxy's thread about a millisecond (the rounds it overlaps are among
 * the slowest), so it must land on both halves, and rarely.
 */
const POLL_UNDER_TRAFFIC_MS = 1_000;
const TICKS_PER_S = 100;

/**
 * CPU seconds a process's threads have used (Linux /proc): the main thread (its id is the pid's) and
 * the rest (the import worker, V8's GC helpers, libuv's pool). On a loaded host the wall clock
 * measures the host; these measure the app.
 */
function cpuSeconds(pid) {
  try {
    const threads = readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { tid: Number(tid), s: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S };
    });
    const main = threads.find((t) => t.tid === pid)?.s ?? 0;
    const busiestOther = Math.max(0, ...threads.filter((t) => t.tid !== pid).map((t) => t.s));
    return { total: threads.reduce((sum, t) => sum + t.s, 0), main, busiest_other: busiestOther };
  } catch {
    return null;
  }
}
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(app) {
  return app.api('GET', '/agents/claude-code/status');
}

const finished = (s) => s.state === 'watching' && s.last_import_at !== null;

/** Polls the status until the first pass is done; returns the milliseconds since `since` and the last status. */
async function untilRead(app, since) {
  for (;;) {
    const s = await status(app);
    if (finished(s)) return { ms: performance.now() - since, status: s };
    await settle(POLL_MS);
  }
}

async function timeGet(app, path, runs = 10) {
  await app.api('GET', path);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await app.api('GET', path);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** Polls the app's status every `everyMs` until stopped; `onStatus` sees each answer. */
function pollStatus(app, everyMs, onStatus = () => {}) {
  let polling = true;
  const done = (async () => {
    while (polling) {
      onStatus(await status(app));
      if (polling) await settle(everyMs);
    }
  })();
  return async () => {
    polling = false;
    await done;
  };
}

/** Paired rounds (direct, proxied; alternating order) while `keepGoing()`, or `rounds` of them. */
async function pairedRounds(direct, proxied, { keepGoing = () => true, rounds = Infinity }) {
  const added = [];
  for (let round = 0; round < rounds && keepGoing(); round++) {
    const order = round % 2 === 0 ? [direct, proxied] : [proxied, direct];
    const [a, b] = [await timeJson(order[0]), await timeJson(order[1])];
    const [d, p] = order[0] === direct ? [a, b] : [b, a];
    added.push(p.total - d.total);
  }
  return added;
}

export async function measureHistory({ mockUrl, copies, minRounds, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'agent-budget-bench-history-'));
  try {
    log(`history: writing ${copies} copies of the transcript set`);
    const history = writeHistory(dir, { copies });
    log(`history: ${history.files} files, ${(history.bytes / 1e6).toFixed(1)} MB, ${history.requests.toLocaleString('en-US')} requests`);
    // The app gets both cores here (the import's worker thread is the second); client and mock stay on core 1.
    const env = { AGENT_BUDGET_AGENT_LOGS: '0', AGENT_BUDGET_CLAUDE_LOGS: '1', CLAUDE_CONFIG_DIR: dir };
    // The bench process runs pinned to core 1, and a child inherits that: the app is given both back.
    const prefix = PINNED ? ['taskset', '-c', '0,1'] : [];

    log('history: first read, no traffic');
    const first = await startServe({ upstream: mockUrl, env, prefix });
    const listening = performance.now();
    const read = await untilRead(first, listening);
    const cpu = cpuSeconds(first.child.pid);
    const peak = rssMb(first.child.pid, 'VmHWM');
    const projects = await timeGet(first, '/claude-code/projects?days=3650');
    const { projects: list } = await first.api('GET', '/claude-code/projects?days=3650');
    const costMicros = list.reduce((sum, p) => sum + Math.round(p.cost_dollars * 1e6), 0);
    const statusRoute = await timeGet(first, '/agents/claude-code/status');
    await settle(3_000);
    const idleAfter = rssMb(first.child.pid);
    first.child.kill('SIGTERM');

    log('history: the proxy’s added latency while a fresh app reads the same history, then after');
    const second = await startServe({ upstream: mockUrl, env, prefix });
    await second.api('POST', '/budgets', { name: 'bench', max_dollars: 1_000_000 });
    const direct = target(mockUrl);
    const proxied = target(second.base, { 'x-budget-id': 'bench' });
    let readMs = null;
    const readStarted = performance.now();
    const stopWatching = pollStatus(second, POLL_UNDER_TRAFFIC_MS, (s) => {
      if (readMs === null && finished(s)) readMs = performance.now() - readStarted;
    });
    const during = await pairedRounds(direct, proxied, { keepGoing: () => readMs === null });
    const after = await pairedRounds(direct, proxied, { rounds: Math.max(minRounds, Math.min(during.length, 10_000)) });
    await stopWatching();
    await Promise.all([direct.pool.close(), proxied.pool.close()]);
    second.child.kill('SIGTERM');

    return {
      files: history.files,
      mb: history.bytes / 1e6,
      requests: history.requests,
      first_read: {
        ms: read.ms,
        startup_ms: first.startupMs,
        mb_per_s: history.bytes / 1e6 / (read.ms / 1000),
        requests_stored: read.status.requests,
        malformed_lines: read.status.malformed_lines,
        cost_dollars: costMicros / 1e6,
        peak_rss_mb: peak,
        cpu_s: cpu,
        idle_rss_after_mb: idleAfter,
      },
      projects_3650_days: projects,
      status_route: statusRoute,
      under_traffic: { read_ms: readMs, during: summarize(during), after: summarize(after) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The phase's lines in the benchmark's table. */
export function historyRows(h) {
  const ms = (x) => `${x.toFixed(3)} ms`;
  const f = h.first_read;
  const t = h.under_traffic;
  return [
    [`History: first read of ${h.mb.toFixed(0)} MB (${h.files} files, ${h.requests.toLocaleString('en-US')} requests)`, `${(f.ms / 1000).toFixed(2)} s (${f.mb_per_s.toFixed(0)} MB/s)`, '≤ 5 s', f.ms <= 5_000],
    ['  CPU used by the app until then: all threads / main thread / busiest other (the worker)', f.cpu_s ? `${f.cpu_s.total.toFixed(2)} s / ${f.cpu_s.main.toFixed(2)} s / ${f.cpu_s.busiest_other.toFixed(2)} s` : 'n/a', '', null],
    ['  requests stored, at API rates', `${f.requests_stored.toLocaleString('en-US')}, $${f.cost_dollars.toLocaleString('en-US', { minimumFractionDigits: 2 })}`, '', null],
    ['  peak memory while reading (VmHWM)', `${f.peak_rss_mb.toFixed(1)} MB`, '≤ 250 MB', f.peak_rss_mb <= 250],
    ['  GET /api/claude-code/projects?days=3650 afterwards, median', `${ms(h.projects_3650_days.median)} (max ${ms(h.projects_3650_days.max)})`, '', null],
    [`  added latency while reading (${t.during.n} rounds), median / p99`, `${ms(t.during.median)} / ${ms(t.during.p99)}`, 'median ≤ after + 0.5 ms, p99 ≤ 1.5 ms', t.during.median - t.after.median <= 0.5 && t.during.p99 <= 1.5],
    ['  the same after the read, median / p99', `${ms(t.after.median)} / ${ms(t.after.p99)}`, '', null],
    ['  the read under that traffic took', t.read_ms === null ? 'n/a' : `${(t.read_ms / 1000).toFixed(2)} s`, '', null],
  ];
}
