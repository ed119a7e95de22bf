/**
 * The shared machinery of the loopback provider mocks: a real HTTP server on 127.0.0.1 that records
 * every request, can hold answers behind a gate so requests are really in flight together, and
 * lets tests wait for a number of requests without sleeping.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
}

export interface MockUpstream<S> {
  url: string;
  requests: RecordedRequest[];
  scenario: S;
  /** Answers held by the gate. */
  gated(): number;
  /** Sends every held answer and returns to the default scenario. */
  openGate(): void;
  /** Resolves once the mock has received `count` requests in total. */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface MockExchange<S> {
  req: IncomingMessage;
  res: ServerResponse;
  /** The URL path without its query. */
  path: string;
  body: Record<string, unknown> | null;
  /** 1-based number of this request, for ids. */
  n: number;
  scenario: S;
  /** Keeps an answer until the gate opens. */
  hold(answer: () => void): void;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null);
      } catch {
        resolve(null);
      }
    });
  });
}

export async function startMockUpstream<S>(defaultScenario: S, handle: (exchange: MockExchange<S>) => void): Promise<MockUpstream<S>> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let held: (() => void)[] = [];
  const mock = { scenario: defaultScenario };
  const server = createServer(async (req, res) => {
    const body = await readJson(req);
    requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
    const path = req.url!.split('?')[0];
    handle({ req, res, path, body, n: requests.length, scenario: mock.scenario, hold: (answer) => void held.push(answer) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(mock, {
    url: `http://127.0.0.1:${port}`,
    requests,
    gated: () => held.length,
    openGate() {
      mock.scenario = defaultScenario;
      const release = held;
      held = [];
      for (const answer of release) answer();
    },
    waitForRequests: (count: number) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
