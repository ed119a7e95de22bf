/** Loading, error and empty states, shared by every view. */
import type { ReactNode } from 'react';
import { UnreachableError } from '../api/client';
import type { ApiState } from '../hooks/useApi';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <div className="state" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" />{label}</div>;
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const unreachable = error instanceof UnreachableError;
  return (
    <div className="state state-error" role="alert">
      <strong>{unreachable ? 'Core unreachable, retrying…' : 'Something went wrong'}</strong>
      <span>{error.message}</span>
      {!unreachable && onRetry && <button type="button" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return <div className="state state-empty"><strong>{title}</strong>{children}</div>;
}

/** Renders a query's data once it is there, its loading or error state until then. */
export function Loaded<T>({ state, children }: { state: ApiState<T>; children: (data: T) => ReactNode }) {
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  return <Loading />;
}
