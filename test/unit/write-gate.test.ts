/**
 * The write gate between the proxy's thread and the import's store worker (two connections to one
 * SQLite file): the import's transaction ends as soon as the proxy's thread waits, every write of
 * both lands, and none fails with SQLITE_BUSY. The import side runs in a real worker thread, on the
 * built modules, as the app runs it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GiveWay, TURNS } from '../../src-main/core/agent-logs/give-way.js';
import { ActivityCells } from '../../src-main/core/request-activity.js';
import { createLogger } from '../../src-main/core/logger.js';
import { createSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/index.js';
import { writeTransaction } from '../../src-main/core/store/sqlite/write-gate.js';

const built = (path: string) => pathToFileURL(join(process.cwd(), 'dist', 'src-main', 'core', 'store', 'sqlite', path)).href;

/** Inserts rows in transactions that end only when the proxy's thread waits, until told to stop. */
const IMPORTER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { openWorkerConnection } = await import(${JSON.stringify(built('open.js'))});
  const { WriteGate } = await import(${JSON.stringify(built('write-gate.js'))});
  const db = openWorkerConnection(workerData.file, undefined);
  const gate = new WriteGate(workerData.gate);
  const stop = new Int32Array(workerData.stop);
  const insert = db.prepare('INSERT INTO import_rows (n) VALUES (?)');
  let rows = 0, endedForTheProxy = 0, transactions = 0;
  const slice = db.transaction(() => {
    do {
      insert.run(rows++);
      if (rows === 1) parentPort.postMessage({ started: true });
    } while (!gate.mainWaiting() && Atomics.load(stop, 0) === 0);
  });
  while (Atomics.load(stop, 0) === 0) {
    gate.takeForImport();
    try {
      slice.immediate();
      transactions++;
      if (gate.mainWaiting()) endedForTheProxy++;
    } finally {
      gate.releaseForImport();
    }
  }
  db.close();
  parentPort.postMessage({ rows, endedForTheProxy, transactions });
})();
`;

let store: SqliteStore;

beforeAll(() => {
  store = createSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'agent-budget-gate-')), logger: createLogger('silent') });
  store.db.exec('CREATE TABLE import_rows (n INTEGER NOT NULL); CREATE TABLE proxy_rows (n INTEGER NOT NULL)');
});
afterAll(() => store.close());

describe('the write gate', () => {
  it('lets the proxy’s writes in between the import’s rows; every write of both lands', async () => {
    const stop = new SharedArrayBuffer(4);
    const worker = new Worker(IMPORTER, { eval: true, workerData: { file: store.importConnection!.file, gate: store.importConnection!.gate, stop } });
    const messages: Record<string, number>[] = [];
    const next = () => new Promise<Record<string, number>>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    messages.push(await next());
    // The import holds its first transaction open now, and ends it only for the proxy's thread.
    const write = writeTransaction(store.db, (n: number) => store.db.prepare('INSERT INTO proxy_rows (n) VALUES (?)').run(n));
    for (let n = 0; n < 200; n++) write(n);
    Atomics.store(new Int32Array(stop), 0, 1);
    const result = await next();
    await worker.terminate();
    expect(messages[0]).toEqual({ started: true });
    expect(result.endedForTheProxy).toBeGreaterThanOrEqual(1);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM proxy_rows').get()).toEqual({ n: 200 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM import_rows').get()).toEqual({ n: result.rows });
  });
});

describe('giving way to the proxy', () => {
  it('works while the proxy is quiet, waits while it has a request in flight or just ended one, and works in turns the workers share', () => {
    // RequestActivity's cells: requests in flight, and when the last one ended (microseconds since the epoch).
    const activity = new ActivityCells();
    const cells = activity.inFlight;
    const endedUsAgo = (us: number) => Atomics.store(new BigInt64Array(activity.shared, 8, 1), 0, BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000 - us)));
    // Turns are timed on a clock of the test's own, starting halfway between two turns.
    const period = 1_000_000 * TURNS.everyUs;
    let clockUs = period + TURNS.everyUs / 2;
    const giveWay = new GiveWay(activity.shared, () => clockUs);
    expect(giveWay.mayWork()).toBe(true);
    Atomics.store(cells, 0, 1);
    expect(giveWay.busy()).toBe(true);
    expect(giveWay.mayWork()).toBe(false);
    // The request ends: the next one often follows at once, so the proxy is not quiet yet.
    Atomics.store(cells, 0, 0);
    activity.markEnded();
    expect(giveWay.busy()).toBe(true);
    // Ended a second ago: quiet.
    endedUsAgo(1_000_000);
    expect(giveWay.mayWork()).toBe(true);
    expect(giveWay.recent(500)).toBe(false);
    expect(giveWay.recent(2_000)).toBe(true);
    // Ended an hour ago: still quiet (a 32-bit microsecond clock would have wrapped).
    endedUsAgo(3_600_000_000);
    expect(giveWay.mayWork()).toBe(true);
    // Nobody ends a request: the workers work at the next turn, in its first millisecond.
    Atomics.store(cells, 0, 1);
    expect(giveWay.mayWork()).toBe(false);
    clockUs = period + TURNS.everyUs + TURNS.workUs / 2;
    expect(giveWay.mayWork()).toBe(true);
    clockUs = period + TURNS.everyUs + TURNS.workUs;
    expect(giveWay.mayWork()).toBe(false);
    // A waiting worker goes on when the turn comes (the clock here moves half a turn a look).
    const ticking = new GiveWay(activity.shared, () => (clockUs += TURNS.workUs / 2));
    ticking.pause();
    expect(clockUs % TURNS.everyUs).toBeLessThan(TURNS.workUs);
  });
});
