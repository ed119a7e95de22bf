/**
 * The server sends one point per bucket per model; stacked charts want one row per bucket with a
 * column per series. Empty buckets are filled in so time runs evenly along the axis.
 */
import type { TimePoint, Timeseries } from '../../src-shared/api';
import { BUCKET_MS } from './range';

export type Row = { start: number } & Record<string, number>;

export const TOKEN_KINDS = [
  { key: 'input_tokens', label: 'Input' },
  { key: 'output_tokens', label: 'Output' },
  { key: 'cache_creation_input_tokens', label: 'Cache write' },
  { key: 'cache_read_input_tokens', label: 'Cache read' },
] as const;

/** Bucket starts covering [from, to], aligned on the server's own buckets. */
function bucketStarts(series: Timeseries): number[] {
  const step = BUCKET_MS[series.bucket];
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const anchor = series.points.length > 0 ? Date.parse(series.points[0].start) : from;
  let first = anchor - Math.ceil((anchor - from) / step) * step;
  if (first > from) first -= step;
  const starts: number[] = [];
  for (let start = first; start < to; start += step) starts.push(start);
  return starts;
}

function pivot(series: Timeseries, columnOf: (point: TimePoint) => [string, number][]): Row[] {
  const rows = new Map<number, Row>(bucketStarts(series).map((start) => [start, { start } as Row]));
  for (const point of series.points) {
    const start = Date.parse(point.start);
    const row = rows.get(start) ?? ({ start } as Row);
    rows.set(start, row);
    for (const [column, value] of columnOf(point)) row[column] = (row[column] ?? 0) + value;
  }
  return [...rows.values()].sort((a, b) => a.start - b.start);
}

export const spendByModel = (series: Timeseries): Row[] => pivot(series, (p) => [[p.model, p.cost_dollars]]);

export const tokensByKind = (series: Timeseries): Row[] =>
  pivot(series, (p) => TOKEN_KINDS.map(({ key }) => [key, p[key]]));

/** Models by total spend, dearest first, so the stack keeps a stable order. */
export function modelsOf(series: Timeseries): string[] {
  const totals = new Map<string, number>();
  for (const p of series.points) totals.set(p.model, (totals.get(p.model) ?? 0) + p.cost_dollars);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([model]) => model);
}
