/**
 * Updates from the project's GitHub Releases (electron-updater; the feed is `publish` in
 * electron-builder.yml): checked at start and daily while the desktop setting allows, and on demand
 * from the tray. A found update downloads in the background, a notification says when it is ready,
 * and it installs when the app quits (or at once, from the notification or the tray).
 */
import { app, Notification } from 'electron';
import type { AppUpdater, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';

export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type UpdateStatus =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'downloading'; version: string }
  | { state: 'ready'; version: string }
  | { state: 'up-to-date'; version: string }
  /** Not an installed build (`npm start` from a checkout): there is nothing to update in place. */
  | { state: 'unsupported' }
  | { state: 'error'; message: string };

export interface UpdateNotice {
  title: string;
  body: string;
  /** Clicking the notification installs the downloaded update now. */
  installOnClick?: boolean;
}

export interface UpdateControllerDeps {
  /** Null where updates cannot apply (not a packaged app). */
  updater: AppUpdater | null;
  /** The desktop setting: automatic checks at start and daily. */
  autoUpdate: () => boolean;
  notify: (notice: UpdateNotice) => void;
  onStatus: (status: UpdateStatus) => void;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** setInterval, injectable so a test can run the daily tick itself. */
  every?: (run: () => void, ms: number) => () => void;
}

const everyInterval = (run: () => void, ms: number) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export class UpdateController {
  private current: UpdateStatus;
  private cancelDaily: () => void = () => {};

  constructor(private readonly deps: UpdateControllerDeps) {
    this.current = deps.updater ? { state: 'idle' } : { state: 'unsupported' };
    const { updater } = deps;
    if (!updater) return;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.logger = deps.log;
    updater.on('checking-for-update', () => this.set({ state: 'checking' }));
    updater.on('update-available', (info: UpdateInfo) => this.set({ state: 'downloading', version: info.version }));
    updater.on('update-not-available', () => this.set({ state: 'up-to-date', version: updater.currentVersion.version }));
    updater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
      this.set({ state: 'ready', version: event.version });
      deps.notify({ title: `agent-budget ${event.version} is ready`, body: 'It installs when you quit agent-budget. Click to restart and install it now.', installOnClick: true });
    });
    updater.on('error', (error: Error) => this.set({ state: 'error', message: error.message }));
  }

  get status(): UpdateStatus {
    return this.current;
  }

  /** The check at start, then one a day; each only while the setting allows. */
  start(): void {
    const automatic = () => {
      if (this.deps.autoUpdate()) void this.check(false);
    };
    automatic();
    this.cancelDaily = (this.deps.every ?? everyInterval)(automatic, UPDATE_CHECK_INTERVAL_MS);
  }

  /** A manual check (from the tray) says what it found; an automatic one speaks only when an update is ready. */
  async check(manual: boolean): Promise<UpdateStatus> {
    const { updater } = this.deps;
    if (this.current.state === 'checking' || this.current.state === 'downloading' || this.current.state === 'ready') return this.current;
    if (!updater) {
      if (manual) this.deps.notify({ title: 'Updates come with the installed app', body: 'This copy runs from a checkout; update it with git pull and npm install.' });
      return this.current;
    }
    try {
      await updater.checkForUpdates();
    } catch (error) {
      // electron-updater has emitted 'error' too; the status already says what went wrong.
      this.set({ state: 'error', message: (error as Error).message });
    }
    if (manual) this.tellResult();
    return this.current;
  }

  /** Quits and installs the downloaded update now. */
  installNow(): void {
    if (this.current.state === 'ready') this.deps.updater?.quitAndInstall();
  }

  stop(): void {
    this.cancelDaily();
  }

  private tellResult(): void {
    const status = this.current;
    if (status.state === 'up-to-date') this.deps.notify({ title: 'agent-budget is up to date', body: `Version ${status.version} is the newest.` });
    if (status.state === 'error') this.deps.notify({ title: 'Could not check for updates', body: status.message });
    if (status.state === 'downloading') this.deps.notify({ title: `Downloading agent-budget ${status.version}`, body: 'A notification will say when it is ready.' });
  }

  private set(status: UpdateStatus): void {
    this.current = status;
    if (status.state === 'error') this.deps.log.warn(`update check failed: ${status.message}`);
    this.deps.onStatus(status);
  }
}

/** electron-updater's updater for this platform, only in an installed build (a checkout has no feed to follow). */
export async function packagedAppUpdater(): Promise<AppUpdater | null> {
  if (!app.isPackaged) return null;
  return (await import('electron-updater')).default.autoUpdater;
}

/** Electron drops a notification's click handler once the object is garbage-collected: keep it until closed. */
const liveNotices = new Set<Notification>();
export function showUpdateNotice(notice: UpdateNotice, install: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  liveNotices.add(notification);
  if (notice.installOnClick) notification.on('click', install);
  notification.on('close', () => liveNotices.delete(notification));
  notification.show();
}
