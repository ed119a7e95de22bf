/**
 * Updates against a loopback update feed (electron-updater's generic provider, the same latest.yml
 * and installer files the release workflow publishes), with the real electron-updater inside the
 * whole desktop app and Electron replaced by the recording fake. The installer is never run: the
 * updater records the install it was asked for.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { InstallOptions } from 'electron-updater/out/BaseUpdater.js';
import { runDesktop, type DesktopApp } from '../../src-main/desktop/lifecycle.js';
import { UPDATE_CHECK_INTERVAL_MS, UpdateController } from '../../src-main/desktop/updater.js';
import { waitFor } from '../helpers/wait.js';
import * as fake from './fake-electron.js';
import { app, click, FakeMenu, FakeNotification, FakeTray, menuItem, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => {
  const fakeElectron = await import('./fake-electron.js');
  return { ...fakeElectron.electron, default: fakeElectron.electron };
});

// electron-updater loads `electron` with Node's own require, which vi.mock does not reach: the same fake goes in require's cache.
const require = createRequire(import.meta.url);
require.cache[require.resolve('electron')] = { exports: fake.electron } as NodeModule;
const { NsisUpdater } = require('electron-updater') as typeof import('electron-updater');
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor.js') as typeof import('electron-updater/out/electronHttpExecutor.js');

const INSTALLER = Buffer.from('not really an installer, but bytes with a checksum');
const sha512 = createHash('sha512').update(INSTALLER).digest('base64');

/** A static update feed: latest.yml (latest-mac.yml, latest-linux.yml) naming `version`, and its installer. */
async function startFeed(version: string) {
  const requests: string[] = [];
  const file = `agent-budget-setup-${version}.exe`;
  const yml = [`version: ${version}`, 'files:', `  - url: ${file}`, `    sha512: ${sha512}`, `    size: ${INSTALLER.length}`, `path: ${file}`, `sha512: ${sha512}`, "releaseDate: '2026-12-01T00:00:00.000Z'", ''].join('\n');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed').pathname;
    requests.push(path);
    if (/^\/latest(-[a-z0-9-]+)?\.yml$/.test(path)) res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    else if (path === `/${file}`) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': INSTALLER.length }).end(INSTALLER);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The real updater of the Windows build, downloading through (fake) Electron's net as in the app;
 * its installer run is recorded instead of started.
 */
class RecordingUpdater extends NsisUpdater {
  readonly installs: InstallOptions[] = [];

  constructor(adapter: AppAdapter) {
    super(null, adapter);
    // Given its own app adapter, electron-updater leaves the HTTP client to the caller: the one it uses in the app.
    (this as unknown as { httpExecutor: unknown }).httpExecutor = new ElectronHttpExecutor();
  }
  protected override doInstall(options: InstallOptions): boolean {
    this.installs.push(options);
    return true;
  }
}

let dir: string;
let feed: Awaited<ReturnType<typeof startFeed>>;
let desktop: DesktopApp | null;

/** An installed app of `version` whose app-update.yml (written by electron-builder from `publish`) points at the feed. */
function installedUpdater(version: string): RecordingUpdater {
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: agent-budget-updater\n`);
  const adapter: AppAdapter = {
    version,
    name: 'agent-budget',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    quit: () => app.quit(),
    relaunch: () => {},
    onQuit: (handler) => void app.once('quit', (_event: unknown, exitCode: number) => handler(exitCode)),
  };
  return new RecordingUpdater(adapter);
}

async function launch(updater: RecordingUpdater, settings: Record<string, unknown> = {}): Promise<DesktopApp> {
  writeFileSync(join(dir, 'desktop-settings.json'), JSON.stringify({ port: await freePort(), ...settings }));
  desktop = await runDesktop({ env: { AGENT_BUDGET_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }, platform: 'linux', userDataDir: dir, updater });
  if (!desktop) throw new Error('the desktop app did not start');
  return desktop;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const menu = () => (FakeTray.instances[0].menu as FakeMenu).template;
const notification = (title: string) => FakeNotification.instances.find((n) => n.options.title === title);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-budget-updates-'));
  resetFakeElectron(dir);
  desktop = null;
});

afterEach(async () => {
  if (desktop) await desktop.shutdown();
  await feed?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('updates in the desktop app', () => {
  it('at start: finds the newer version, downloads it, says it is ready, and installs it when the app quits', async () => {
    feed = await startFeed('9.9.9');
    const updater = installedUpdater('0.1.0');
    await launch(updater);
    await waitFor(() => notification('agent-budget 9.9.9 is ready'), 'the update-ready notification');
    expect(notification('agent-budget 9.9.9 is ready')!.options.body).toBe('It installs when you quit agent-budget. Click to restart and install it now.');
    expect(feed.requests).toContain('/agent-budget-setup-9.9.9.exe');
    expect(feed.requests.filter((path) => path.endsWith('.yml'))).toHaveLength(1);
    await waitFor(() => menuItem(menu(), 'Restart to install agent-budget 9.9.9'), 'the tray to offer the restart');

    expect(updater.installs).toEqual([]);
    app.emit('quit', {}, 0);
    expect(updater.installs).toHaveLength(1);
    expect(updater.installs[0]).toMatchObject({ isSilent: true, isForceRunAfter: false });
  });

  it('clicking the notification installs at once and quits', async () => {
    feed = await startFeed('9.9.9');
    const updater = installedUpdater('0.1.0');
    await launch(updater);
    await waitFor(() => notification('agent-budget 9.9.9 is ready'), 'the update-ready notification');
    notification('agent-budget 9.9.9 is ready')!.emit('click');
    expect(updater.installs).toHaveLength(1);
    expect(updater.installs[0].isSilent).toBe(false);
    await waitFor(() => app.state.quitCalls > 0, 'the app to quit for the install');
  });

  it('with automatic checks switched off, nothing is asked at start; Check for updates asks and says it is up to date', async () => {
    feed = await startFeed('0.1.0');
    await launch(installedUpdater('0.1.0'), { autoUpdate: false });
    expect(menuItem(menu(), 'Check for updates automatically').checked).toBe(false);
    expect(feed.requests).toEqual([]);
    click(menuItem(menu(), 'Check for updates'));
    await waitFor(() => notification('agent-budget is up to date'), 'the up-to-date notification');
    expect(notification('agent-budget is up to date')!.options.body).toBe('Version 0.1.0 is the newest.');
    expect(feed.requests).toHaveLength(1);
  });

  it('a feed that cannot be reached is reported on a manual check, not by a crash', async () => {
    feed = await startFeed('9.9.9');
    await feed.close();
    await launch(installedUpdater('0.1.0'), { autoUpdate: false });
    click(menuItem(menu(), 'Check for updates'));
    await waitFor(() => notification('Could not check for updates'), 'the failure notification');
    expect(notification('Could not check for updates')!.options.body).toMatch(/ECONNREFUSED/);
    expect(desktop!.updates.status.state).toBe('error');
  });

  it('a checkout (not a packaged app) has no updater: the menu item says where updates come from', async () => {
    feed = await startFeed('9.9.9');
    await launch(null as unknown as RecordingUpdater);
    click(menuItem(menu(), 'Check for updates'));
    await waitFor(() => notification('Updates come with the installed app'), 'the explanation');
    expect(feed.requests).toEqual([]);
  });
});

describe('the daily check', () => {
  it('runs once a day, only while automatic checks are on', async () => {
    feed = await startFeed('0.1.0');
    let automatic = true;
    const ticks: { run: () => void; ms: number }[] = [];
    const controller = new UpdateController({
      updater: installedUpdater('0.1.0'),
      autoUpdate: () => automatic,
      notify: () => {},
      onStatus: () => {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
      every: (run, ms) => {
        ticks.push({ run, ms });
        return () => {};
      },
    });
    controller.start();
    expect(ticks.map((tick) => tick.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    await waitFor(() => controller.status.state === 'up-to-date', 'the check at start');
    expect(feed.requests).toHaveLength(1);
    automatic = false;
    ticks[0].run();
    expect(feed.requests).toHaveLength(1);
    automatic = true;
    ticks[0].run();
    await waitFor(() => feed.requests.length === 2, 'the next day’s check');
  });
});
