/**
 * Memory over a long run: proxied load at 32 connections, in chunks, until `requests` have been
 * served, with the app's RSS after each chunk. Under load the RSS swings by 30 MB with the garbage
 * collector's phase, so growth is judged on its floor: the lowest reading in the first half of the
 * run (after its first 10%, once caches, JIT and heap have their working size) against the lowest in
 * the second half. A leak raises the floor; a few hundred bytes per request would raise it by tens of MB.
 */
const floor = (samples) => Math.min(...samples.map((s) => s.rss_mb));

/** `load(seconds)` runs one chunk and resolves with its requests; `rss()` reads the app's RSS in MB. */
export async function measureGrowth({ requests, chunkSeconds, load, rss, log }) {
  const samples = [];
  let served = 0;
  while (served < requests) {
    const chunk = await load(chunkSeconds);
    if (chunk.errors > 0) throw new Error(`${chunk.errors} requests failed during the long run`);
    served += chunk.requests;
    samples.push({ requests: served, rss_mb: rss() });
    log(`long run: ${served.toLocaleString('en-US')} requests, RSS ${samples.at(-1).rss_mb.toFixed(1)} MB`);
  }
  const firstHalf = samples.filter((s) => s.requests > served * 0.1 && s.requests <= served / 2);
  const secondHalf = samples.filter((s) => s.requests > served / 2);
  const first = floor(firstHalf.length > 0 ? firstHalf : samples);
  const second = floor(secondHalf);
  return { requests: served, first_half_floor_mb: first, second_half_floor_mb: second, growth_mb: second - first, min_mb: floor(samples), max_mb: Math.max(...samples.map((s) => s.rss_mb)), samples };
}
