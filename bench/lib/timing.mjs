/**
 * Paired timings: each round sends the same request straight to the mock and through the proxy, in
 * alternating order, so machine noise lands on both halves and cancels in their difference.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { summarize } from './stats.mjs';

const BASE_HEADERS = { 'content-type': 'application/json', 'x-api-key': 'sk-ant-bench', 'anthropic-version': '2023-06-01' };
const body = (stream) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 64, stream, messages: [{ role: 'user', content: 'hi' }] });

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** A keep-alive client for one target: `url` is the base the SDK would be given. */
export function target(url, extraHeaders = {}, route = '/v1/messages') {
  const base = new URL(url);
  const pool = new Pool(base.origin, { connections: 1, keepAliveTimeout: 60_000 });
  const path = `${base.pathname.replace(/\/$/, '')}${route}`;
  return { pool, path, headers: { ...BASE_HEADERS, ...extraHeaders } };
}

/** One non-streaming request: milliseconds until the whole answer is read. */
export async function timeJson(t) {
  const started = nowMs();
  const response = await t.pool.request({ path: t.path, method: 'POST', headers: t.headers, body: body(false) });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  return { total: nowMs() - started };
}

/** One paced 200-event stream: milliseconds to the first event and to the end. */
export async function timeStream(t) {
  const started = nowMs();
  const response = await t.pool.request({ path: t.path, method: 'POST', headers: { ...t.headers, 'x-mock-stream': 'paced' }, body: body(true) });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  let first = null;
  let bytes = 0;
  for await (const chunk of response.body) {
    first ??= nowMs() - started;
    bytes += chunk.length;
  }
  return { first, total: nowMs() - started, bytes };
}

/**
 * After `warmup` rounds and at least `warmupMs` of them (kept apart, reported as warm-up), `rounds`
 * measured ones, each after `idleMs` of nothing (0: back to back).
 */
async function paired(direct, proxied, rounds, warmup, timeOne, warmupMs = 0, idleMs = 0) {
  const warm = { direct: [], proxied: [], proxiedFirst: [] };
  const measured = { direct: [], proxied: [], proxiedFirst: [] };
  const warmUntil = performance.now() + warmupMs;
  for (let round = 0; measured.direct.length < rounds; round++) {
    const into = round < warmup || performance.now() < warmUntil ? warm : measured;
    const order = round % 2 === 0 ? [['direct', direct], ['proxied', proxied]] : [['proxied', proxied], ['direct', direct]];
    const result = {};
    if (idleMs > 0) await sleep(idleMs);
    for (const [name, t] of order) result[name] = await timeOne(t);
    into.direct.push(result.direct);
    into.proxied.push(result.proxied);
    into.proxiedFirst.push(order[0][0] === 'proxied');
  }
  return { ...measured, warmDirect: warm.direct, warmProxied: warm.proxied };
}

const field = (list, key) => list.map((x) => x[key]);
const differences = (a, b) => a.map((x, i) => b[i] - x);

export async function measureLatency(direct, proxied, { rounds, warmup, warmupMs = 0, idleMs = 0 }) {
  const s = await paired(direct, proxied, rounds, warmup, timeJson, warmupMs, idleMs);
  const d = field(s.direct, 'total');
  const p = field(s.proxied, 'total');
  const warm = differences(field(s.warmDirect, 'total'), field(s.warmProxied, 'total'));
  return { direct: summarize(d), proxied: summarize(p), added: summarize(differences(d, p)), warmup_added: summarize(warm) };
}

export async function measureStream(direct, proxied, { rounds, warmup }) {
  const s = await paired(direct, proxied, rounds, warmup, timeStream);
  const result = {};
  const added = {};
  for (const key of ['first', 'total']) {
    const d = field(s.direct, key);
    const p = field(s.proxied, key);
    added[key] = differences(d, p);
    result[key] = { direct: summarize(d), proxied: summarize(p), added: summarize(added[key]) };
  }
  // Half the proxied streams follow the direct one (the proxy's core idled through it), half the previous proxied one.
  result.first.added_after_direct = summarize(added.first.filter((_, i) => !s.proxiedFirst[i]));
  result.first.added_after_proxied = summarize(added.first.filter((_, i) => s.proxiedFirst[i]));
  if (s.direct[0].bytes !== s.proxied[0].bytes) throw new Error(`stream bytes differ: ${s.direct[0].bytes} direct, ${s.proxied[0].bytes} proxied`);
  return result;
}
