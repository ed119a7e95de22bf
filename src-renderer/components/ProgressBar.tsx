import { percent } from '../format';
import { usageLevel } from '../projection';

/** Spend against the cap, coloured at the alert thresholds (50/80/100%). */
export function ProgressBar({ percentUsed, label }: { percentUsed: number | null; label: string }) {
  if (percentUsed === null) return <div className="progress progress-uncapped" aria-hidden="true" />;
  const shown = Math.min(100, Math.max(0, percentUsed));
  return (
    <div className={`progress level-${usageLevel(percentUsed)}`} role="progressbar" aria-label={label}
      aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(shown)} aria-valuetext={`${percent(percentUsed)} used`}>
      <div className="progress-fill" style={{ width: `${shown}%` }} />
    </div>
  );
}
