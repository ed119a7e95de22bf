/** GET /api/events: the core's event bus as Server-Sent Events, for the dashboard. */
import type { Request, Response } from 'express';
import type { CoreBus } from '../events.js';

const HEARTBEAT_MS = 15_000;

export function eventsHandler(bus: CoreBus) {
  return (req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const stop = bus.on((event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.once('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  };
}
