/**
 * `--smoke-test`: a packaged app proves it works before anyone downloads it (the release workflow
 * runs it on each installer). It starts the real desktop app — core, tray, dashboard window — in a
 * scratch data folder on a free port, beside any installed copy and without dialogs; loads the
 * dashboard; asks /health through the proxy port; and exits 0, or 1 with the reason.
 */
import type { WebContents } from 'electron';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL_PREFIX } from '../core/core.js';
import { runDesktop, type DesktopApp } from './lifecycle.js';

export const SMOKE_TEST_FLAG = '--smoke-test';
export const isSmokeTest = (argv: readonly string[]) => argv.includes(SMOKE_TEST_FLAG);

const STEP_TIMEOUT_MS = 30_000;

class SmokeFailure extends Error {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function within<T>(promise: Promise<T>, what: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SmokeFailure(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when the page has loaded with a 2xx status; rejects with what went wrong otherwise. */
export function dashboardLoaded(contents: WebContents): Promise<void> {
  return new Promise((resolve, reject) => {
    let status = 0;
    contents.on('did-navigate', (_event, _url, httpResponseCode) => void (status = httpResponseCode));
    contents.once('did-fail-load', (_event, code, description, url) => reject(new SmokeFailure(`the dashboard did not load from ${url}: ${description} (${code})`)));
    contents.once('render-process-gone', (_event, details) => reject(new SmokeFailure(`the dashboard's renderer stopped: ${details.reason}`)));
    contents.once('did-finish-load', () => (status >= 200 && status < 300 ? resolve() : reject(new SmokeFailure(`the dashboard page answered HTTP ${status}`))));
  });
}

/** The React app has rendered into #root: its scripts and styles loaded and ran. */
async function dashboardRendered(contents: WebContents, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const children = (await contents.executeJavaScript("document.querySelector('#root')?.childElementCount ?? 0")) as number;
    if (children > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new SmokeFailure(`timed out after ${timeoutMs} ms waiting for the dashboard to render`);
}

async function health(origin: string): Promise<string> {
  const response = await fetch(`${origin}${URL_PREFIX}/health`);
  const body = (await response.json().catch(() => null)) as { ok?: boolean; version?: string } | null;
  if (response.status !== 200 || body?.ok !== true) throw new SmokeFailure(`/health through the proxy port answered HTTP ${response.status}`);
  return body.version ?? '';
}

async function check(desktop: DesktopApp, timeoutMs: number): Promise<string> {
  if (!desktop.tray.created) throw new SmokeFailure('the tray icon was not created');
  desktop.window.show();
  const contents = desktop.window.contents;
  if (!contents) throw new SmokeFailure('the dashboard window was not created');
  await within(dashboardLoaded(contents), 'the dashboard to load', timeoutMs);
  await dashboardRendered(contents, timeoutMs);
  const { origin, store } = desktop.host.current;
  const version = await within(health(origin), '/health', timeoutMs);
  return `agent-budget ${version} smoke test passed: core on ${origin} (${store.kind} store), tray created, dashboard loaded, /health ok`;
}

export interface SmokeTestOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
  out?: (line: string) => void;
}

/** The exit code: 0 when every step passed, 1 (with the reason printed) otherwise. */
export async function runSmokeTest(options: SmokeTestOptions = {}): Promise<number> {
  const { env = process.env, platform, timeoutMs = STEP_TIMEOUT_MS, out = (line) => process.stdout.write(`${line}\n`) } = options;
  const scratch = mkdtempSync(join(tmpdir(), 'agent-budget-smoke-'));
  const userDataDir = join(scratch, 'user-data');
  mkdirSync(userDataDir);
  writeFileSync(join(userDataDir, 'desktop-settings.json'), JSON.stringify({ port: await freePort(), autoUpdate: false }));
  const problems: string[] = [];
  let desktop: DesktopApp | null = null;
  try {
    desktop = await runDesktop({
      env: { ...env, AGENT_BUDGET_DATA_DIR: join(scratch, 'data') },
      platform,
      userDataDir,
      singleInstance: false,
      showError: (title, message) => problems.push(`${title}: ${message}`),
    });
    if (!desktop) throw new SmokeFailure(problems.join('; ') || 'the desktop app did not start');
    out(await check(desktop, timeoutMs));
    return 0;
  } catch (error) {
    out(`agent-budget smoke test FAILED: ${(error as Error).message}`);
    return 1;
  } finally {
    await desktop?.shutdown().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  }
}
