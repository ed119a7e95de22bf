import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { autostartEntry, autostartPath, launchCommand, setLaunchAtLogin } from '../../src-main/desktop/login-item.js';
import { ELECTRON_NATIVE_BINDING, sqliteBindingFor } from '../../src-main/desktop/native-binding.js';
import { app, resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electron, default: fake.electron };
});

describe('launch at login', () => {
  beforeEach(() => resetFakeElectron('/tmp'));

  it('uses the login-item API on macOS and Windows', () => {
    setLaunchAtLogin(true, 'darwin', {});
    expect(app.state.loginItem).toEqual({ openAtLogin: true });
    setLaunchAtLogin(false, 'win32', {});
    expect(app.state.loginItem).toEqual({ openAtLogin: false });
  });

  it('writes an XDG autostart entry on Linux, quoting paths with spaces', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/home/ada/.cfg' })).toBe('/home/ada/.cfg/autostart/agent-budget.desktop');
    const entry = autostartEntry(['/opt/agent budget/agent-budget', '/src/app']);
    expect(entry).toContain('Exec="/opt/agent budget/agent-budget" /src/app\n');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
    expect(autostartEntry(['/a/$HOME"x'])).toContain('Exec="/a/\\$HOME\\"x"');
  });

  it('starts an AppImage through its image, a packaged app alone, a source tree with its folder', () => {
    expect(launchCommand('/tmp/.mount_x/agent-budget', { APPIMAGE: '/home/ada/agent-budget.AppImage' }, true, '/x')).toEqual(['/home/ada/agent-budget.AppImage']);
    expect(launchCommand('/usr/bin/agent-budget', {}, true, '/x')).toEqual(['/usr/bin/agent-budget']);
    expect(launchCommand('/src/node_modules/electron/dist/electron', {}, false, '/src')).toEqual(['/src/node_modules/electron/dist/electron', '/src']);
  });
});

describe('better-sqlite3 binding for Electron', () => {
  it('is the one from build/electron-native when running from source and it exists; packaged apps use their rebuilt module', () => {
    expect(sqliteBindingFor('/src', false, () => true)).toBe(join('/src', ELECTRON_NATIVE_BINDING));
    expect(sqliteBindingFor('/src', false, () => false)).toBeUndefined();
    expect(sqliteBindingFor('/app.asar', true, () => true)).toBeUndefined();
  });
});
