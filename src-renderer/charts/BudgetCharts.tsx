/** The budget's charts; loaded on demand so recharts stays out of the first page load. */
import { useState } from 'react';
import { api } from '../api/client';
import { Empty, Loaded } from '../components/States';
import { money, tokens } from '../format';
import { useApi } from '../hooks/useApi';
import { modelsOf, spendByModel, TOKEN_KINDS, tokensByKind } from './pivot';
import { chartRange, RANGE_LABELS, type RangeKey } from './range';
import { StackedBars } from './StackedBars';

const TOKEN_SERIES = TOKEN_KINDS.map((k) => ({ key: k.key, name: k.label }));

export default function BudgetCharts({ budgetId, periodStart }: { budgetId: number; periodStart: string }) {
  const [rangeKey, setRangeKey] = useState<RangeKey>('24h');
  const series = useApi(() => {
    const range = chartRange(rangeKey, periodStart);
    return api.budgetTimeseries(budgetId, {
      bucket: range.bucket,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      offset_minutes: -new Date().getTimezoneOffset(),
    });
  }, [budgetId, rangeKey, periodStart], ['spend']);

  return (
    <section className="card charts" aria-labelledby="charts-heading">
      <header className="section-head">
        <h2 id="charts-heading">Spend over time</h2>
        <label className="inline">Range
          <select value={rangeKey} onChange={(e) => setRangeKey(e.target.value as RangeKey)}>
            {Object.entries(RANGE_LABELS).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
          </select>
        </label>
      </header>
      <Loaded state={series}>
        {(s) => s.points.length === 0 ? <Empty title="No spend in this range" /> : (
          <div className="chart-pair">
            <StackedBars caption={`Spend by model, per ${s.bucket}`} testId="spend-chart" bucket={s.bucket}
              rows={spendByModel(s)} series={modelsOf(s).map((m) => ({ key: m, name: m }))} format={money} />
            <StackedBars caption={`Tokens by kind, per ${s.bucket}`} testId="tokens-chart" bucket={s.bucket}
              rows={tokensByKind(s)} series={TOKEN_SERIES} format={tokens} />
          </div>
        )}
      </Loaded>
    </section>
  );
}
