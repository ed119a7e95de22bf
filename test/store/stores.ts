/** The two store implementations, opened the way the app opens them, for the shared contract suite. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src-main/core/logger.js';
import { createPostgresStore } from '../../src-main/core/store/postgres/index.js';
import { createSqliteStore } from '../../src-main/core/store/sqlite/index.js';
import type { Store } from '../../src-main/core/store/store.js';
import { pgSuiteMode, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  open(): Promise<Store>;
  /** A second handle on the same data, as another instance would hold it (PostgreSQL only). */
  openPeer?(): Promise<Store>;
  teardown(): Promise<void>;
}

const logger = createLogger('silent');

export function sqliteKind(): StoreKind {
  return {
    name: 'sqlite',
    skip: false,
    open: async () => createSqliteStore({ dataDir: mkdtempSync(join(tmpdir(), 'agent-budget-contract-')), logger }),
    teardown: async () => undefined,
  };
}

export function postgresKind(leaseMs = 60_000): StoreKind {
  const mode = pgSuiteMode();
  let server: TestPostgres | null = null;
  let lastUrl = '';
  const openAt = (url: string) => createPostgresStore({ url, leaseMs, logger });
  return {
    name: 'postgres',
    skip: !mode.run,
    async open() {
      server ??= await startTestPostgres();
      lastUrl = await server.freshDatabase();
      return openAt(lastUrl);
    },
    openPeer: () => openAt(lastUrl),
    teardown: async () => server?.stop(),
  };
}
