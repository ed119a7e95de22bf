/**
 * The tray menu as a template: one line per budget, the dashboard, pause, setup snippets,
 * the desktop settings, updates and quit. Every click goes to the injected actions, so the template is
 * built and exercised without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Budget } from '../../../src-shared/api.js';
import type { DesktopSettings, NotificationThreshold } from '../settings-schema.js';
import type { UpdateStatus } from '../updater.js';
import { SETUP_TARGETS, type SetupTarget } from './setup-snippets.js';
import { budgetLine, type TrayFigure } from './tray-state.js';

export interface TrayActions {
  openDashboard(route?: string): void;
  setPaused(paused: boolean): void;
  copySetup(target: SetupTarget, budget: string): void;
  updateSettings(patch: Partial<DesktopSettings>): void;
  editSettingsFile(): void;
  checkForUpdates(): void;
  installUpdate(): void;
  quit(): void;
}

export interface MenuInput {
  budgets: Budget[];
  paused: boolean;
  settings: DesktopSettings;
  update: UpdateStatus;
}

const THRESHOLDS: NotificationThreshold[] = ['50', '80', '100'];

function figureItems(input: MenuInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const choices: { figure: TrayFigure; label: string }[] = [
    { figure: 'today', label: 'Today, all budgets' },
    ...input.budgets.map((b) => ({ figure: `budget:${b.name}` as const, label: b.name })),
  ];
  return choices.map(({ figure, label }) => ({
    label,
    type: 'radio',
    checked: input.settings.trayFigure === figure,
    click: () => actions.updateSettings({ trayFigure: figure }),
  }));
}

function settingsItems(input: MenuInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const { settings } = input;
  return [
    { label: 'Show in tray', submenu: figureItems(input, actions) },
    {
      label: 'Notifications',
      submenu: THRESHOLDS.map((threshold) => ({
        label: threshold === '100' ? 'When a budget runs out' : `At ${threshold}% of a budget`,
        type: 'checkbox',
        checked: settings.notifications[threshold],
        click: () => actions.updateSettings({ notifications: { ...settings.notifications, [threshold]: !settings.notifications[threshold] } }),
      })),
    },
    { label: `Port ${settings.port}: edit settings file…`, click: () => actions.editSettingsFile() },
  ];
}

function updateItems(input: MenuInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const { update, settings } = input;
  const now: MenuItemConstructorOptions =
    update.state === 'ready'
      ? { label: `Restart to install agent-budget ${update.version}`, click: () => actions.installUpdate() }
      : update.state === 'downloading'
        ? { label: `Downloading agent-budget ${update.version}…`, enabled: false }
        : update.state === 'checking'
          ? { label: 'Checking for updates…', enabled: false }
          : { label: 'Check for updates', click: () => actions.checkForUpdates() };
  return [
    now,
    { label: 'Check for updates automatically', type: 'checkbox', checked: settings.autoUpdate, click: () => actions.updateSettings({ autoUpdate: !settings.autoUpdate }) },
  ];
}

export function trayMenuTemplate(input: MenuInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const budgetItems: MenuItemConstructorOptions[] = input.budgets.length
    ? input.budgets.map((b) => ({ label: budgetLine(b), click: () => actions.openDashboard(`/budgets/${b.id}`) }))
    : [{ label: 'No budgets yet', enabled: false }];
  const names = input.budgets.map((b) => b.name);
  return [
    ...budgetItems,
    { type: 'separator' },
    { label: 'Open dashboard', click: () => actions.openDashboard() },
    input.paused
      ? { label: 'Resume proxy', click: () => actions.setPaused(false) }
      : { label: 'Pause proxy', click: () => actions.setPaused(true) },
    { type: 'separator' },
    ...SETUP_TARGETS.map(({ target, label }) => ({
      label: `Copy setup for ${label}`,
      enabled: names.length > 0,
      submenu: names.map((name) => ({ label: name, click: () => actions.copySetup(target, name) })),
    })),
    { type: 'separator' },
    ...settingsItems(input, actions),
    {
      label: 'Launch at login',
      type: 'checkbox',
      checked: input.settings.launchAtLogin,
      click: () => actions.updateSettings({ launchAtLogin: !input.settings.launchAtLogin }),
    },
    { type: 'separator' },
    ...updateItems(input, actions),
    { type: 'separator' },
    { label: 'Quit agent-budget', click: () => actions.quit() },
  ];
}
