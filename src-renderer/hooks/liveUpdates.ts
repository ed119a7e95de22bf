/**
 * Fan-out of the core's events to the queries on screen. A burst of settled requests becomes one
 * refetch per query: events are collected for a short window, then each query hears once.
 */
import type { CoreEventType } from '../../src-shared/api';

type Listener = (types: ReadonlySet<CoreEventType>) => void;

const DEBOUNCE_MS = 250;
const listeners = new Set<Listener>();
let pending = new Set<CoreEventType>();
let timer: ReturnType<typeof setTimeout> | null = null;

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publish(type: CoreEventType): void {
  pending.add(type);
  timer ??= setTimeout(flush, DEBOUNCE_MS);
}

function flush(): void {
  const types = pending;
  pending = new Set();
  timer = null;
  for (const listener of listeners) listener(types);
}
