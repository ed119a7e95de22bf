import { historyRows } from './history-phase.mjs';

/** The benchmark's table: one line per figure, with its target where the issue sets one. */
const ms = (x) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(3)} ms`);

/** "No growth": the RSS floor over the second half of the long run within 5% of the first half's. */
function growthRow(g) {
  const label = `Memory over ${g.requests.toLocaleString('en-US')} proxied requests (RSS floor, first half → second half)`;
  const change = `${g.growth_mb >= 0 ? '+' : ''}${g.growth_mb.toFixed(1)} MB`;
  const value = `${g.first_half_floor_mb.toFixed(1)} → ${g.second_half_floor_mb.toFixed(1)} MB (${change}; readings ${g.min_mb.toFixed(0)}–${g.max_mb.toFixed(0)} MB)`;
  return [label, value, 'no growth', g.growth_mb <= g.first_half_floor_mb * 0.05];
}

export function rows(r) {
  const lines = [
    ['Added latency, median (paired)', ms(r.latency.added.median), '≤ 0.4 ms', r.latency.added.median <= 0.4],
    ['Added latency, p90', ms(r.latency.added.p90), '', null],
    ['Added latency, p99', ms(r.latency.added.p99), '≤ 1.5 ms', r.latency.added.p99 <= 1.5],
    ['Added latency, max', ms(r.latency.added.max), '', null],
    ['  during the warm-up before it, median / p99', `${ms(r.latency.warmup_added.median)} / ${ms(r.latency.warmup_added.p99)}`, '', null],
    ['Direct / proxied median', `${ms(r.latency.direct.median)} / ${ms(r.latency.proxied.median)}`, '', null],
    ['Added latency on an unmetered route (floor), median', ms(r.unmetered_floor.added.median), '', null],
    [`Added latency after ${r.after_idle.idle_ms} ms idle, median: metered / unmetered`, `${ms(r.after_idle.metered.added.median)} / ${ms(r.after_idle.unmetered.added.median)}`, '', null],
    ['SSE first event added, median', ms(r.stream.first.added.median), '≤ 1 ms', r.stream.first.added.median <= 1],
    ['  after the direct stream / after a proxied one, median', `${ms(r.stream.first.added_after_direct.median)} / ${ms(r.stream.first.added_after_proxied.median)}`, '', null],
    ['SSE last byte added, median (200 events)', ms(r.stream.total.added.median), '', null],
  ];
  for (const t of r.throughput) {
    lines.push([`Throughput @${t.connections} conns, proxied`, `${t.proxied.requests_per_s} req/s (direct ${t.direct.requests_per_s})`, t.connections === 32 ? '≥ 3000 req/s' : '', t.connections === 32 ? t.proxied.requests_per_s >= 3000 : null]);
  }
  lines.push(
    [`Memory idle (RSS, ${r.memory.idle_s} s without traffic)`, `${r.memory.idle_mb.toFixed(1)} MB`, '≤ 80 MB', r.memory.idle_mb <= 80],
    ['Memory under load (RSS, mean)', `${r.memory.load_mb.toFixed(1)} MB`, '', null],
    ['Memory peak (VmHWM)', `${r.memory.peak_mb.toFixed(1)} MB`, '', null],
    ['Memory idle again after the load', `${r.memory.idle_after_load_mb.toFixed(1)} MB`, '', null],
    growthRow(r.memory.growth),
    ['Start-up to listening', ms(r.startup_ms), '', null],
    [`Store with ${r.store.rows.toLocaleString('en-US')} usage rows`, `${r.store.size_mb.toFixed(1)} MB`, '', null],
  );
  for (const [name, t] of Object.entries(r.store.api)) lines.push([`  GET ${name}`, `${ms(t.median)} (max ${ms(t.max)})`, '< 100 ms', t.max < 100]);
  lines.push(['statusline command, median', ms(r.statusline.median), '', null]);
  lines.push(['  (`node -e 0` on the same core, median)', ms(r.bare_node.median), '', null]);
  if (r.history) lines.push(...historyRows(r.history));
  if (r.team_mode) lines.push(['Team mode (PostgreSQL) added latency, median / p99', `${ms(r.team_mode.added.median)} / ${ms(r.team_mode.added.p99)}`, '', null]);
  return lines;
}

export function table(r) {
  const lines = rows(r);
  const width = Math.max(...lines.map((l) => l[0].length));
  const valueWidth = Math.max(...lines.map((l) => l[1].length));
  const mark = (ok) => (ok === null ? '' : ok ? '  ok' : '  MISSED');
  return lines.map(([name, value, target, ok]) => `${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}${mark(ok)}`).join('\n');
}

/** The same figures as a Markdown table, for the README and bench/README.md. */
export function markdown(r) {
  return ['| Measure | Result | Target |', '|---|---|---|', ...rows(r).map(([name, value, target, ok]) => `| ${name.trim()} | ${value} | ${target}${ok === false ? ' (missed)' : ''} |`)].join('\n');
}
