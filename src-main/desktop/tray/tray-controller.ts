/**
 * Keeps the tray in step with the core: after core events it reads the budgets once (coalescing a
 * burst of settled requests into one refresh), and touches the image only when it changes, so the
 * icon never flickers.
 */
import { Menu, nativeImage, Tray } from 'electron';
import { budgetView } from '../../core/api/views.js';
import type { CoreEvent } from '../../core/events.js';
import { currentPeriodStart, machineTimeZone } from '../../core/period.js';
import type { CoreHost } from '../core-host.js';
import type { DesktopSettingsStore } from '../settings.js';
import type { UpdateStatus } from '../updater.js';
import { toNativeImage, trayPicture } from './tray-image.js';
import { trayMenuTemplate, type TrayActions } from './tray-menu.js';
import { trayState } from './tray-state.js';

/** Well inside the one second a user may wait for the icon after a request settles. */
export const TRAY_REFRESH_MS = 250;

export interface TrayControllerDeps {
  host: CoreHost;
  settings: DesktopSettingsStore;
  actions: TrayActions;
  platform: NodeJS.Platform;
  now: () => number;
  updateStatus: () => UpdateStatus;
}

export class TrayController {
  private tray: Tray | null = null;
  private pictureKey = '';
  private pending: Promise<void> | null = null;
  private readonly refusedIn = new Map<number, string>();
  private destroyed = false;

  constructor(private readonly deps: TrayControllerDeps) {}

  /** Creates the tray and shows the current figures. */
  async start(): Promise<void> {
    await this.refresh();
  }

  handle(event: CoreEvent): void {
    if (event.type === 'blocked' && event.reason === 'budget') this.refusedIn.set(event.budget.id, event.budget.period_start);
    if (event.type !== 'pricing') void this.refreshSoon();
  }

  /** At most one refresh per TRAY_REFRESH_MS, always one after the last event. */
  refreshSoon(): Promise<void> {
    this.pending ??= new Promise<void>((resolve) => setTimeout(resolve, TRAY_REFRESH_MS)).then(() => {
      this.pending = null;
      return this.refresh().catch((error: unknown) => this.deps.host.running?.logger.warn({ err: error }, 'could not refresh the tray'));
    });
    return this.pending;
  }

  /** Does nothing while the core is down (a port change restarts it, and refreshes again after). */
  async refresh(): Promise<void> {
    const { host, settings, platform, now: clock } = this.deps;
    const core = host.running;
    if (!core || this.destroyed) return;
    const now = clock();
    const budgets = (await core.store.budgets.list(now)).map((row) => budgetView(row, now));
    const midnight = currentPeriodStart('daily', machineTimeZone(), now);
    const [today, todayByProvider] = await Promise.all([core.store.usage.totals(null, midnight), core.store.usage.top('provider', midnight, 5)]);
    const state = trayState({ budgets, todayMicros: today.cost_micros, todayByProvider, paused: core.isPaused(), figure: settings.get().trayFigure, refusedIn: this.refusedIn, imports: core.agentLogs.all().map((logs) => logs.status()) });
    const picture = trayPicture(state, platform);
    const key = JSON.stringify([state.level, picture.title, picture.pngs.map((p) => p.png.toString('base64'))]);
    const tray = this.tray ?? this.create();
    if (key !== this.pictureKey) {
      tray.setImage(toNativeImage(picture));
      if (picture.title !== null) tray.setTitle(picture.title);
      this.pictureKey = key;
    }
    tray.setToolTip(state.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate({ budgets, paused: core.isPaused(), settings: settings.get(), update: this.deps.updateStatus() }, this.deps.actions)));
  }

  /** Whether the tray icon exists (it is created by the first refresh). */
  get created(): boolean {
    return this.tray !== null;
  }

  destroy(): void {
    this.destroyed = true;
    this.tray?.destroy();
    this.tray = null;
  }

  private create(): Tray {
    const tray = new Tray(nativeImage.createEmpty());
    // Windows users expect a left click to open the app and a right click to show the menu; macOS and
    // Linux show the menu on click by themselves.
    if (this.deps.platform === 'win32') tray.on('click', () => this.deps.actions.openDashboard());
    this.tray = tray;
    return tray;
  }
}
