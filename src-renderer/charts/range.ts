/** The chart ranges a user picks from, and the bucket size each implies (hours up to two days). */
import type { Bucket } from '../../src-shared/api';

export type RangeKey = '24h' | '7d' | '30d' | 'period';

export const RANGE_LABELS: Record<RangeKey, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', period: 'This period' };

const HOUR_MS = 3_600_000;
const RANGE_HOURS: Record<Exclude<RangeKey, 'period'>, number> = { '24h': 24, '7d': 168, '30d': 720 };

export interface ChartRange {
  from: Date;
  to: Date;
  bucket: Bucket;
}

export function chartRange(key: RangeKey, periodStart: string, now = Date.now()): ChartRange {
  const from = key === 'period' ? Date.parse(periodStart) : now - RANGE_HOURS[key] * HOUR_MS;
  const bucket: Bucket = now - from <= 48 * HOUR_MS ? 'hour' : 'day';
  return { from: new Date(from), to: new Date(now), bucket };
}

export const BUCKET_MS: Record<Bucket, number> = { hour: HOUR_MS, day: 24 * HOUR_MS };
