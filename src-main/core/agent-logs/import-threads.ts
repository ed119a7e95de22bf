/**
 * How the import runs off the proxy's thread, per store. SQLite: the store worker, with its own
 * connection, parses (in its parse worker) and stores, and keeps a copy of the proxy's in-flight
 * request ids. PostgreSQL: the parse worker, and the main thread stores (network writes that never
 * hold the proxy's thread).
 */
import type { InFlightIds } from '../proxy/in-flight-ids.js';
import type { RequestActivity } from '../request-activity.js';
import { WriteGate } from '../store/sqlite/write-gate.js';
import type { ImportConnection } from '../store/store.js';
import type { ImportThreads } from './import-worker-client.js';
import type { ParseWorkerData } from './parse-worker.js';
import type { StoreWorkerData } from './store-worker.js';
import { IMPORT_WORKER_LIMITS } from './worker-limits.js';
import type { InFlightChange } from './worker-protocol.js';

export function parseWorkerThreads(activity: RequestActivity): ImportThreads {
  return { script: 'parse-worker.js', workerData: (): ParseWorkerData => ({ proxyActivity: activity.shared }), resourceLimits: IMPORT_WORKER_LIMITS };
}

export function storeWorkerThreads(connection: ImportConnection, inFlight: InFlightIds, activity: RequestActivity, now: () => number): ImportThreads {
  const gate = new WriteGate(connection.gate);
  return {
    script: 'store-worker.js',
    workerData: (): StoreWorkerData => ({ connection, clockOffsetMs: now() - Date.now(), proxyActivity: activity.shared }),
    resourceLimits: IMPORT_WORKER_LIMITS,
    // The worker needs the ids only while it stores: each pass starts with them all, then hears each change, once per turn of the event loop.
    passStarted(worker) {
      worker.postMessage({ type: 'in-flight', reset: true, add: inFlight.snapshot(), remove: [] } satisfies InFlightChange);
      let change: InFlightChange = { type: 'in-flight', reset: false, add: [], remove: [] };
      let flush: NodeJS.Immediate | null = null;
      const send = () => {
        flush = null;
        worker.postMessage(change);
        change = { type: 'in-flight', reset: false, add: [], remove: [] };
      };
      inFlight.observe((id, relaying) => {
        (relaying ? change.add : change.remove).push(id);
        flush ??= setImmediate(send);
      });
    },
    passEnded() {
      inFlight.observe(null);
    },
    ended() {
      gate.abandonImport();
    },
  };
}
