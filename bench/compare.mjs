#!/usr/bin/env node
/**
 * Compares builds side by side, for changes smaller than this VM's run-to-run noise: every build is
 * served at once on the proxy core, and each round times one direct request and then one request
 * through each build, in rotating order, so a slow spell of the host lands on all of them alike.
 *
 *   node bench/compare.mjs <dist> <dist> [...] [--rounds 10000] [--stream]
 *
 * A `dist` is a build's output folder (e.g. a copy of `dist` made before a change); its imports
 * resolve from where it sits, so keep copies inside this checkout (`.exp/` is ignored by git).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROXY_PREFIX, pinSelfToClientCore, startPinnedMock } from './lib/pinning.mjs';
import { startServe } from './lib/serve.mjs';
import { summarize } from './lib/stats.mjs';
import { target, timeJson, timeStream } from './lib/timing.mjs';

const { values, positionals: builds } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '10000' }, stream: { type: 'boolean', default: false } } });
const ROUNDS = Number(values.rounds);
const STREAM = values.stream;
const WARMUP_MS = 15_000;
if (builds.length < 2) {
  console.error('usage: node bench/compare.mjs <dist> <dist> [...] [--rounds N] [--stream]');
  process.exit(2);
}

pinSelfToClientCore();
const mock = await startPinnedMock(resolve(import.meta.dirname, 'lib', 'mock-anthropic.mjs'));
const mockUrl = `http://127.0.0.1:${mock.port}`;
const served = [];
for (const dist of builds) {
  const app = await startServe({ upstream: mockUrl, prefix: PROXY_PREFIX, dist: resolve(dist) });
  await app.api('POST', '/budgets', { name: 'bench', max_dollars: 1_000_000 });
  served.push({ dist, app, target: target(app.base, { 'x-budget-id': 'bench' }), added: [] });
}
const direct = target(mockUrl);
const timeOne = async (t) => (STREAM ? (await timeStream(t)).first : (await timeJson(t)).total);

const warmUntil = performance.now() + WARMUP_MS;
while (performance.now() < warmUntil) for (const t of [direct, ...served.map((s) => s.target)]) await timeOne(t);
for (let round = 0; round < ROUNDS; round++) {
  const base = await timeOne(direct);
  for (let k = 0; k < served.length; k++) {
    const build = served[(round + k) % served.length];
    build.added.push((await timeOne(build.target)) - base);
  }
}

console.log(`${STREAM ? 'SSE first event' : 'added latency'}, ms, ${ROUNDS} rounds, builds side by side${PROXY_PREFIX.length ? ' on core 0' : ' (unpinned)'}:`);
for (const build of served) {
  const s = summarize(build.added);
  console.log(`  ${build.dist}: median ${s.median}  p90 ${s.p90}  p99 ${s.p99}`);
}
for (const build of served) build.app.child.kill();
mock.child.kill();
process.exit(0);
