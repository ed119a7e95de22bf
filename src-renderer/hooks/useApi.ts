/**
 * One API read on screen: loads, refetches quietly (keeping what is shown) when the core reports
 * an event that can change it, and retries on its own while the core is unreachable.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { UnreachableError } from '../api/client';
import type { CoreEventType } from '../../src-shared/api';
import { subscribe } from './liveUpdates';

const RETRY_MS = 3_000;

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[], refreshOn: readonly CoreEventType[]): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // New arguments (another budget, another page) start from a clean slate.
  useEffect(() => {
    setData(undefined);
    setLoading(true);
  }, deps);

  useEffect(() => {
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: Error) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
        if (failure instanceof UnreachableError) retry = setTimeout(reload, RETRY_MS);
      },
    );
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [...deps, generation]);

  const refreshKey = refreshOn.join(',');
  useEffect(
    () => subscribe((types) => {
      if (refreshOn.some((type) => types.has(type))) reload();
    }),
    [refreshKey],
  );

  return { data, error, loading, reload };
}
