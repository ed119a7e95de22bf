/**
 * The desktop app's phases, in order: one instance, settings and core, window and tray and
 * notifications, quit. main.ts only calls runDesktop; tests call it against a fake electron module.
 */
import { app, clipboard, dialog, session, shell } from 'electron';
import type { AppUpdater } from 'electron-updater';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../core/errors.js';
import { FirstRunState } from '../core/first-run/state.js';
import { CoreHost } from './core-host.js';
import { setLaunchAtLogin } from './login-item.js';
import { sqliteBindingFor } from './native-binding.js';
import { Notifier } from './notifier.js';
import type { DesktopSettings } from './settings-schema.js';
import { DesktopSettingsStore } from './settings.js';
import { setupSnippet } from './tray/setup-snippets.js';
import { TrayController } from './tray/tray-controller.js';
import type { TrayActions } from './tray/tray-menu.js';
import { packagedAppUpdater, showUpdateNotice, UpdateController } from './updater.js';
import { DashboardWindow, secureSession } from './window.js';

export interface DesktopOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  now?: () => number;
  /** Where the desktop settings live; Electron's userData folder unless given (the smoke test uses a scratch one). */
  userDataDir?: string;
  /** False lets this launch run beside an installed copy (the smoke test). */
  singleInstance?: boolean;
  /** How a fatal start-up problem is shown: a dialog unless given (the smoke test prints it). */
  showError?: (title: string, message: string) => void;
  /** The update source; electron-updater's own for a packaged app, none for a checkout. */
  updater?: AppUpdater | null;
}

export interface DesktopApp {
  host: CoreHost;
  settings: DesktopSettingsStore;
  tray: TrayController;
  window: DashboardWindow;
  actions: TrayActions;
  updates: UpdateController;
  /** Stops the tray, the settings watcher and the core; quitting calls it once. */
  shutdown(): Promise<void>;
}

/** Resolves null when this launch ends at once: another instance runs, or the core cannot start. */
export async function runDesktop(options: DesktopOptions = {}): Promise<DesktopApp | null> {
  const { env = process.env, platform = process.platform, now = Date.now, singleInstance = true, showError = (title, message) => dialog.showErrorBox(title, message) } = options;

  if (singleInstance && !app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  await app.whenReady();
  if (platform === 'darwin') app.dock?.hide();

  const settings = new DesktopSettingsStore({ cwd: options.userDataDir ?? app.getPath('userData'), watch: true });
  const host = new CoreHost({ env, settings, showError, sqliteNativeBinding: sqliteBindingFor(app.getAppPath(), app.isPackaged) });
  if (!(await host.start())) {
    settings.close();
    app.quit();
    return null;
  }
  const log = () => host.current.logger;
  for (const problem of settings.problems) log().warn({ file: settings.path }, `desktop settings: ${problem}`);

  secureSession(session.defaultSession);
  const window = new DashboardWindow({
    origin: () => host.current.origin,
    token: () => host.current.adminToken,
    preload: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs'),
  });
  app.on('second-instance', () => window.show());

  const updates = new UpdateController({
    updater: options.updater !== undefined ? options.updater : await packagedAppUpdater(),
    autoUpdate: () => settings.get().autoUpdate,
    notify: (notice) => showUpdateNotice(notice, () => updates.installNow()),
    onStatus: () => void tray.refreshSoon(),
    log: { info: (message) => log().info(message), warn: (message) => log().warn(message), error: (message) => log().error(message) },
  });
  const actions: TrayActions = {
    openDashboard: (route) => window.show(route),
    setPaused: (paused) => void host.current.setPaused(paused).catch((error: unknown) => log().error({ err: error }, 'could not change the paused state')),
    copySetup: (target, budget) => clipboard.writeText(setupSnippet(target, host.current.origin, budget)),
    updateSettings: (patch: Partial<DesktopSettings>) => {
      try {
        settings.update(patch);
      } catch (error) {
        if (!isAppError(error)) throw error;
        showError('agent-budget: setting not changed', error.message);
      }
    },
    editSettingsFile: () => void shell.openPath(settings.path),
    checkForUpdates: () => void updates.check(true),
    installUpdate: () => updates.installNow(),
    quit: () => app.quit(),
  };
  const tray = new TrayController({ host, settings, actions, platform, now, updateStatus: () => updates.status });
  const notifier = new Notifier({ host, settings, openDashboard: (route) => window.show(route), now });
  host.onEvent((event) => {
    tray.handle(event);
    notifier.handle(event).catch((error: unknown) => log().error({ err: error }, 'could not show a notification'));
  });
  host.onStart(() => void tray.refresh());
  settings.onChange((next, previous) => {
    if (next.launchAtLogin !== previous.launchAtLogin) setLaunchAtLogin(next.launchAtLogin, platform, env);
    if (next.autoUpdate && !previous.autoUpdate) void updates.check(false);
    void tray.refreshSoon();
  });
  await tray.start();
  updates.start();
  // A fresh data folder: open the window, where the dashboard walks the person to a protected agent.
  if (new FirstRunState(host.current.config.dataDir).pending) window.show();

  // The app lives in the tray: a closed window must not end it (listening here cancels that default).
  app.on('window-all-closed', () => {});
  const shutdown = async () => {
    updates.stop();
    window.allowClose();
    tray.destroy();
    settings.close();
    await host.close();
  };
  let closed = false;
  app.on('before-quit', (event) => {
    window.allowClose();
    if (closed) return;
    event.preventDefault();
    void shutdown().finally(() => {
      closed = true;
      app.quit();
    });
  });
  return { host, settings, tray, window, actions, updates, shutdown };
}
