/**
 * A throwaway PostgreSQL server on loopback for the team-mode tests, from Debian's `postgresql`
 * package (initdb and pg_ctl; as the `postgres` user when the tests run as root). Each call to
 * `freshDatabase` gives a test its own empty database. Set AGENT_BUDGET_TEST_PG_URL to use a running
 * server instead. Without either, the suites skip and say so; under REQUIRE_PG=1 they fail.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A URL to a new, empty database on the server. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  return found ?? null;
}

export const pgMissingReason = (): string | null =>
  process.env.AGENT_BUDGET_TEST_PG_URL || binDir() ? null : "PostgreSQL is not installed (apt-get install postgresql) and AGENT_BUDGET_TEST_PG_URL is not set";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function asPostgresUser(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: 'pipe' });
}

let databases = 0;

function withDatabases(adminUrl: string, stop: () => Promise<void>): TestPostgres {
  return {
    async freshDatabase() {
      const name = `agent_budget_test_${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  if (process.env.AGENT_BUDGET_TEST_PG_URL) return withDatabases(process.env.AGENT_BUDGET_TEST_PG_URL, async () => undefined);
  const bin = binDir();
  if (!bin) throw new Error(pgMissingReason()!);
  const dir = mkdtempSync(join(tmpdir(), 'agent-budget-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgresUser(join(bin, 'initdb'), ['-D', data, '-U', 'agent_budget', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  asPostgresUser(join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  return withDatabases(`postgres://agent_budget@127.0.0.1:${port}/postgres`, async () => {
    asPostgresUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Whether team-mode suites run here: they skip with the reason, unless REQUIRE_PG=1 makes that a failure. */
export function pgSuiteMode(): { run: boolean; reason: string | null } {
  const reason = pgMissingReason();
  if (reason && process.env.REQUIRE_PG === '1') throw new Error(`REQUIRE_PG=1 but ${reason}`);
  if (reason) process.stderr.write(`Skipping the PostgreSQL team-mode tests: ${reason}.\n`);
  return { run: reason === null, reason };
}
