/**
 * `npm start` on a machine without the Electron binary (like this one): one line saying so, then
 * the same core headless, stopped cleanly by a signal. Runs the built dist/, as `npm test` builds first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';

const electronInstalled = (() => {
  try {
    return existsSync(createRequire(import.meta.url)('electron') as string);
  } catch {
    return false;
  }
})();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-start-'));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

it.skipIf(electronInstalled)('runs headless with a one-line notice where Electron is not installed', async () => {
  expect(existsSync('dist/src-main/cli.js'), 'dist/src-main/cli.js: run `npm run build` first').toBe(true);
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), AGENT_BUDGET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => output.includes('\n'), 'the notice');
    expect(output.split('\n')[0]).toBe(`Electron is not installed on this machine; running agent-budget headless — dashboard at http://127.0.0.1:${port}/agent-budget/`);
    const health = await waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/agent-budget/health`).catch(() => undefined);
      return response?.status === 200 ? response : undefined;
    }, 'the headless core to answer');
    expect(await health.json()).toMatchObject({ ok: true });
  } finally {
    child.kill('SIGTERM');
  }
  await exited;
  // The signal reached the headless core too: nothing listens on the port any more.
  await expect(fetch(`http://127.0.0.1:${port}/agent-budget/health`)).rejects.toThrow();
});
