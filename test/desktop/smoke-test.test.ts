/**
 * `--smoke-test` against the fake electron: the real core in a scratch folder, the tray, the dashboard
 * window loading the real built dashboard over loopback HTTP, /health through the proxy port.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dashboardLoaded, isSmokeTest, runSmokeTest } from '../../src-main/desktop/smoke-test.js';
import { dialogState, FakeBrowserWindow, FakeTray, FakeWebContents, resetFakeElectron } from './fake-electron.js';
import type { WebContents } from 'electron';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electron, default: fake.electron };
});

let userData: string;
let lines: string[];
const out = (line: string) => void lines.push(line);
const smokeFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('agent-budget-smoke-'));

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'agent-budget-desktop-'));
  resetFakeElectron(userData);
  FakeBrowserWindow.loadsOverHttp = true;
  lines = [];
});

afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe('--smoke-test', () => {
  it('is recognised among the arguments Electron passes', () => {
    expect(isSmokeTest(['/opt/agent-budget/agent-budget', '--smoke-test', '--no-sandbox'])).toBe(true);
    expect(isSmokeTest(['/opt/agent-budget/agent-budget'])).toBe(false);
  });

  it('starts the core, creates the tray, loads the dashboard, checks /health, exits 0 and leaves nothing behind', async () => {
    const before = smokeFolders();
    const code = await runSmokeTest({ env: { LOG_LEVEL: 'silent' }, platform: 'linux', out });
    expect(lines.at(-1)).toMatch(/^agent-budget \S+ smoke test passed: core on http:\/\/127\.0\.0\.1:\d+ \(sqlite store\), tray created, dashboard loaded, \/health ok$/);
    expect(code).toBe(0);
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0].destroyed).toBe(true);
    const [window] = FakeBrowserWindow.instances;
    expect(window.loaded[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/agent-budget\/#token=/);
    expect(window.webContents.scripts.length).toBeGreaterThan(0);
    // Its own settings and data, not the installed app's: the real userData folder is untouched.
    expect(readdirSync(userData)).toEqual([]);
    expect(smokeFolders()).toEqual(before);
  });

  it('fails with the reason when the dashboard never renders', async () => {
    FakeWebContents.scriptResult = 0;
    const code = await runSmokeTest({ env: { LOG_LEVEL: 'silent' }, platform: 'linux', timeoutMs: 300, out });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('agent-budget smoke test FAILED: timed out after 300 ms waiting for the dashboard to render');
  });

  it('fails with the reason when the core cannot start, without a dialog', async () => {
    const code = await runSmokeTest({ env: { LOG_LEVEL: 'silent', AGENT_BUDGET_DATABASE_URL: 'mysql://nowhere/db' }, platform: 'linux', out });
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(/^agent-budget smoke test FAILED: agent-budget could not start: .*AGENT_BUDGET_DATABASE_URL.*postgres:\/\//);
    expect(dialogState.errors).toEqual([]);
    expect(FakeTray.instances).toHaveLength(0);
  });
});

describe('dashboardLoaded', () => {
  const load = () => {
    const contents = new FakeWebContents();
    return { contents, loaded: dashboardLoaded(contents as unknown as WebContents) };
  };

  it('refuses a page that answered with an HTTP error', async () => {
    const { contents, loaded } = load();
    contents.emit('did-navigate', {}, 'http://127.0.0.1:1/agent-budget/', 404, 'Not Found');
    contents.emit('did-finish-load');
    await expect(loaded).rejects.toThrow('the dashboard page answered HTTP 404');
  });

  it('names a load that failed, and a renderer that crashed', async () => {
    const failed = load();
    failed.contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://127.0.0.1:1/agent-budget/');
    await expect(failed.loaded).rejects.toThrow('the dashboard did not load from http://127.0.0.1:1/agent-budget/: ERR_CONNECTION_REFUSED (-102)');
    const crashed = load();
    crashed.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await expect(crashed.loaded).rejects.toThrow("the dashboard's renderer stopped: crashed");
  });
});
