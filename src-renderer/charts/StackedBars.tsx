/** A stacked bar chart over time buckets, styled by the page's theme variables. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Bucket } from '../../src-shared/api';
import { timeOfDay } from '../format';
import type { Row } from './pivot';

const SERIES_COLOURS = ['var(--series-1)', 'var(--series-2)', 'var(--series-3)', 'var(--series-4)', 'var(--series-5)', 'var(--series-6)'];

export interface Series {
  key: string;
  name: string;
}

interface Props {
  caption: string;
  testId: string;
  bucket: Bucket;
  rows: Row[];
  series: readonly Series[];
  format: (value: number) => string;
}

function tickLabel(bucket: Bucket) {
  return (start: number) => bucket === 'hour'
    ? timeOfDay(start)
    : new Date(start).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function StackedBars({ caption, testId, bucket, rows, series, format }: Props) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} accessibilityLayer>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="start" tickFormatter={tickLabel(bucket)} stroke="var(--muted)" fontSize={12} minTickGap={24} />
          <YAxis tickFormatter={format} stroke="var(--muted)" fontSize={12} width={64} />
          <Tooltip
            labelFormatter={(start) => new Date(Number(start)).toLocaleString()}
            formatter={(value) => format(Number(value))}
            contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)', color: 'var(--text)' }}
            cursor={{ fill: 'var(--hover)' }}
          />
          <Legend />
          {/* An accessor, not a key string: recharts reads dots in keys as paths, and model ids have dots. */}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={(row: Row) => row[s.key] ?? 0} name={s.name} stackId="stack" fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
