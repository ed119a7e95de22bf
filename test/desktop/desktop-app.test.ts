/**
 * The whole shell against a real core (SQLite file, loopback HTTP, the real Anthropic SDK through
 * the proxy to a mock upstream), with Electron replaced by the recording fake.
 */
import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runDesktop, type DesktopApp } from '../../src-main/desktop/lifecycle.js';
import { encodePng } from '../../src-main/desktop/tray/png.js';
import { macTrayIcon } from '../../src-main/desktop/tray/tray-icon.js';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { waitFor } from '../helpers/wait.js';
import { app, click, clipboardState, dialogState, FakeBrowserWindow, FakeMenu, FakeNotification, FakeTray, menuItem, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electron, default: fake.electron };
});

async function listen(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  return server;
}

async function freePort(): Promise<number> {
  const server = await listen();
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let userData: string;
let dataDir: string;
let upstream: MockAnthropic;
let desktop: DesktopApp | null;
const blockers: Server[] = [];

function writeSettings(settings: Record<string, unknown>): void {
  writeFileSync(join(userData, 'desktop-settings.json'), JSON.stringify(settings));
}

async function launch(platform: NodeJS.Platform): Promise<DesktopApp> {
  desktop = await runDesktop({ env: { AGENT_BUDGET_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ANTHROPIC_UPSTREAM_URL: upstream.url }, platform });
  if (!desktop) throw new Error('the desktop app did not start');
  return desktop;
}

const tray = () => FakeTray.instances[0];
const trayPng = () => tray().images.at(-1)!.representations[0].png;
const menu = () => (tray().menu as FakeMenu).template;

function client(budget: string): Anthropic {
  return new Anthropic({ apiKey: 'sk-ant-test', baseURL: `${desktop!.host.current.origin}/agent-budget`, defaultHeaders: { 'X-Budget-Id': budget }, maxRetries: 0 });
}

// An explicit timeout: the SDK otherwise insists on streaming for a max_tokens this large.
const ask = (budget: string) =>
  client(budget).messages.create({ model: 'claude-sonnet-4-6', max_tokens: 40_000, messages: [{ role: 'user', content: 'hi' }] }, { timeout: 30_000 });

beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'agent-budget-desktop-'));
  dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-core-'));
  resetFakeElectron(userData);
  writeSettings({ port: await freePort() });
  upstream = await startMockAnthropic();
  desktop = null;
});

afterEach(async () => {
  if (desktop) {
    app.emit('before-quit', { preventDefault: () => {} });
    await waitFor(() => app.state.quitCalls > 0, 'the app to quit');
  }
  await Promise.all(blockers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await upstream.close();
  rmSync(userData, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('tray', () => {
  it('on macOS: no Dock icon, the amount as title, a template image at 1x and 2x', async () => {
    await launch('darwin');
    expect(app.state.dockHidden).toBe(true);
    expect(tray().titles.at(-1)).toBe('$0.00');
    const image = tray().images.at(-1)!;
    expect(image.isTemplateImage()).toBe(true);
    expect(image.representations.map((r) => r.scaleFactor)).toEqual([1, 2]);
    expect(tray().tooltip).toContain('default  $0.00 / $10.00 daily');
  });

  it('on Windows: no title, the amount in a coloured image, a left click opens the dashboard', async () => {
    await launch('win32');
    expect(tray().titles).toEqual([]);
    expect(tray().images.at(-1)!.isTemplateImage()).toBe(false);
    tray().emit('click');
    expect(FakeBrowserWindow.instances[0].loaded[0]).toMatch(/\/agent-budget\/#token=/);
  });

  it('follows settled spend, warns at 80%, turns red when a request is refused, with one notification per alert', async () => {
    const { host } = await launch('darwin');
    await host.current.store.budgets.create({ name: 'my-agents', max_micros: 1_000_000, period: 'daily', timezone: 'UTC', webhook_url: null, clamp_max_tokens: false }, Date.now());
    // 100k input at $3/M + 40k output at $15/M = $0.90 of a $1.00 cap.
    upstream.scenario = { kind: 'ok', usage: { input_tokens: 100_000, output_tokens: 40_000 } };
    await ask('my-agents');
    await waitFor(() => tray().titles.at(-1) === '$0.90', 'the tray title to show the spend');
    expect(trayPng()).toEqual(encodePng(macTrayIcon('warning', 1)));
    expect(menuItem(menu(), 'my-agents  $0.90 / $1.00 daily')).toBeDefined();

    await waitFor(() => FakeNotification.instances.length === 2, 'the 50% and 80% notifications');
    expect(FakeNotification.instances.map((n) => n.options.title).sort()).toEqual(['my-agents reached 50% of its budget', 'my-agents reached 80% of its budget']);
    expect(FakeNotification.instances[0].options.body).toMatch(/^Spent \$0\.90 of \$1\.00 \(90%\) — resets (today|tomorrow) at \d\d:\d\d\.$/);

    await expect(ask('my-agents')).rejects.toMatchObject({ status: 402 });
    await waitFor(() => FakeNotification.instances.length === 3, 'the 100% notification');
    expect(FakeNotification.instances[2].options.title).toBe('my-agents is out of budget');
    await waitFor(() => trayPng().equals(encodePng(macTrayIcon('exhausted', 1))), 'the tray icon to turn red');
    const alerts = await host.current.store.alerts.list(10);
    expect(alerts).toHaveLength(3);

    // The same alert again (e.g. replayed on the bus) raises nothing new.
    const { alertView } = await import('../../src-main/core/api/views.js');
    host.current.bus.emit({ type: 'alert', alert: alertView(alerts[0]) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(FakeNotification.instances).toHaveLength(3);

    FakeNotification.instances[2].emit('click');
    expect(FakeBrowserWindow.instances[0].visible).toBe(true);
  });

  it('Pause proxy pauses the core: metered requests get the 402 budget error until Resume', async () => {
    const { host } = await launch('linux');
    click(menuItem(menu(), 'Pause proxy'));
    await waitFor(() => host.current.isPaused(), 'the core to pause');
    const error = await ask('default').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 402, error: { error: { type: 'budget_exceeded' } } });
    expect(JSON.stringify((error as { error: unknown }).error)).toMatch(/paused/i);
    await waitFor(() => menuItem(menu(), 'Resume proxy') !== undefined && tray().tooltip.includes('Paused'), 'the menu to offer Resume');
    click(menuItem(menu(), 'Resume proxy'));
    await waitFor(() => !host.current.isPaused(), 'the core to resume');
    await expect(ask('default')).resolves.toMatchObject({ type: 'message' });
  });

  it('copies setup lines with the real port', async () => {
    const { host } = await launch('linux');
    click(menuItem(menuItem(menu(), 'Copy setup for Claude Code').submenu as never, 'default'));
    expect(clipboardState.text).toBe(`ANTHROPIC_BASE_URL=${host.current.origin}/agent-budget ANTHROPIC_CUSTOM_HEADERS='X-Budget-Id: default' claude`);
  });

  it('Launch at login writes an autostart entry on Linux', async () => {
    const config = mkdtempSync(join(tmpdir(), 'agent-budget-xdg-'));
    desktop = await runDesktop({ env: { AGENT_BUDGET_DATA_DIR: dataDir, LOG_LEVEL: 'silent', XDG_CONFIG_HOME: config }, platform: 'linux' });
    click(menuItem(menu(), 'Launch at login'));
    const entry = readFileSync(join(config, 'autostart', 'agent-budget.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toMatch(/^Exec=.+$/m);
    await waitFor(() => menuItem(menu(), 'Launch at login').checked === true, 'the checkbox to be ticked');
    rmSync(config, { recursive: true, force: true });
  });
});

describe('start-up', () => {
  it('on a fresh data folder opens the window on the first-run walkthrough; once it is done, starts in the tray only', async () => {
    const { host } = await launch('linux');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0].visible).toBe(true);
    expect((await (await fetch(`${host.current.origin}/agent-budget/api/first-run`)).json()).pending).toBe(true);
    await fetch(`${host.current.origin}/agent-budget/api/first-run/complete`, { method: 'POST', headers: { authorization: `Bearer ${host.current.adminToken}` } });
    app.emit('before-quit', { preventDefault: () => {} });
    await waitFor(() => app.state.quitCalls > 0, 'the app to quit');
    resetFakeElectron(userData);
    await launch('linux');
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('a port in use gets a dialog offering the next port, and the app starts there', async () => {
    const busy = await listen();
    blockers.push(busy);
    const { port } = busy.address() as { port: number };
    writeSettings({ port });
    dialogState.responses = [0];
    const { host } = await launch('darwin');
    expect(dialogState.messageBoxes).toHaveLength(1);
    expect(dialogState.messageBoxes[0].message).toBe(`Port ${port} is already in use, so agent-budget cannot start its proxy there.`);
    expect(dialogState.messageBoxes[0].buttons).toEqual([`Use port ${port + 1}`, 'Quit']);
    expect(host.current.port).toBe(port + 1);
    expect(desktop!.settings.get().port).toBe(port + 1);
  });

  it('a port in use and Quit: no crash, the app quits', async () => {
    const busy = await listen();
    blockers.push(busy);
    writeSettings({ port: (busy.address() as { port: number }).port });
    dialogState.responses = [1];
    expect(await runDesktop({ env: { AGENT_BUDGET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, platform: 'linux' })).toBeNull();
    expect(app.state.quitCalls).toBe(1);
    expect(FakeTray.instances).toHaveLength(0);
  });

  it('a second launch quits at once and the first instance shows its window', async () => {
    await launch('linux');
    app.emit('second-instance');
    expect(FakeBrowserWindow.instances[0].visible).toBe(true);
    app.state.hasLock = false;
    expect(await runDesktop({ env: { AGENT_BUDGET_DATA_DIR: dataDir }, platform: 'linux' })).toBeNull();
    expect(app.state.quitCalls).toBe(1);
    app.state.quitCalls = 0;
  });

  it('a change of port restarts the core on the new port', async () => {
    const { host, settings } = await launch('linux');
    const before = host.current.port;
    const next = await freePort();
    settings.update({ port: next });
    await waitFor(() => { try { return host.current.port === next; } catch { return false; } }, 'the core on the new port');
    expect(host.current.port).not.toBe(before);
    const health = await fetch(`${host.current.origin}/agent-budget/health`);
    expect(health.status).toBe(200);
  });
});
