import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-main/core/errors.js';
import { DEFAULT_SETTINGS, settingsFromFile, validateSettings } from '../../src-main/desktop/settings-schema.js';
import { DesktopSettingsStore } from '../../src-main/desktop/settings.js';
import { resetFakeElectron } from './fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electron, default: fake.electron };
});

describe('settings schema', () => {
  it('accepts the defaults and a budget as tray figure', () => {
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(validateSettings({ ...DEFAULT_SETTINGS, trayFigure: 'budget:my-agents' }).trayFigure).toBe('budget:my-agents');
  });

  it('rejects bad values with a message naming each one', () => {
    const bad = { ...DEFAULT_SETTINGS, port: 80, trayFigure: 'week', notifications: { '50': true, '80': 'yes', '100': true } };
    let error: unknown;
    try {
      validateSettings(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toContain('port must be a whole number from 1024 to 65535');
    expect((error as AppError).message).toContain("trayFigure must be 'today' or 'budget:<budget name>'");
    expect((error as AppError).fields.map((f) => f.field)).toEqual(['port', 'notifications.80', 'trayFigure']);
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, colour: 'blue' })).toThrow('colour');
  });

  it('reads a hand-edited file: keeps valid values, defaults invalid ones, and says what it did', () => {
    const { settings, problems } = settingsFromFile({ port: 'x', launchAtLogin: true, extra: 1 });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, launchAtLogin: true });
    expect(problems).toEqual([expect.stringMatching(/^port .*; using the default 4727$/), 'extra is not a desktop setting; ignored']);
  });
});

describe('settings file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agent-budget-settings-'));
    resetFakeElectron(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('persists changes, announces each real change once, and refuses invalid ones without writing', () => {
    const store = new DesktopSettingsStore({ cwd: dir });
    const changes: [number, number][] = [];
    store.onChange((next, previous) => changes.push([previous.port, next.port]));
    store.update({ port: 4800 });
    store.update({ port: 4800 });
    expect(changes).toEqual([[4727, 4800]]);
    expect(() => store.update({ port: 70_000 })).toThrow(AppError);
    expect(JSON.parse(readFileSync(store.path, 'utf8')).port).toBe(4800);
    expect(new DesktopSettingsStore({ cwd: dir }).get().port).toBe(4800);
  });

  it('starts from a broken file with defaults for what is wrong', () => {
    writeFileSync(join(dir, 'desktop-settings.json'), JSON.stringify({ port: 22, trayFigure: 'budget:ci' }));
    const store = new DesktopSettingsStore({ cwd: dir });
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, trayFigure: 'budget:ci' });
    expect(store.problems[0]).toContain('port must be a whole number from 1024 to 65535');
  });
});
