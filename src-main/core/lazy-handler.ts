/** An HTTP handler built on its first request (once, even when requests arrive together). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from './logger.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function lazyHandler(build: () => Promise<Handler>, logger: Logger): Handler {
  let built: Promise<Handler> | null = null;
  return (req, res) => {
    built ??= build();
    built.then(
      (handler) => handler(req, res),
      (error: unknown) => {
        logger.error({ err: (error as Error).message }, 'the dashboard could not be loaded');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('agent-budget: the dashboard could not be loaded; see the log.');
      },
    );
  };
}
