import type { ReactNode } from 'react';

export function StatCard({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  return (
    <section className="card stat" aria-label={label}>
      <h3 className="stat-label">{label}</h3>
      <p className="stat-value">{value}</p>
      {hint && <p className="stat-hint">{hint}</p>}
    </section>
  );
}
