/** Opens the core's SSE stream once and reports whether the core is reachable. */
import { useEffect, useState } from 'react';
import { CORE_EVENT_TYPES } from '../../src-shared/api';
import { publish } from './liveUpdates';

export type Connection = 'connecting' | 'live' | 'unreachable';

export function useEvents(): Connection {
  const [connection, setConnection] = useState<Connection>('connecting');
  useEffect(() => {
    const source = new EventSource('./api/events');
    let lost = false;
    source.onopen = () => {
      setConnection('live');
      // Whatever happened while the stream was down is unknown: refresh everything once.
      if (lost) CORE_EVENT_TYPES.forEach(publish);
      lost = false;
    };
    source.onerror = () => {
      lost = true;
      setConnection('unreachable');
    };
    for (const type of CORE_EVENT_TYPES) source.addEventListener(type, () => publish(type));
    return () => source.close();
  }, []);
  return connection;
}
