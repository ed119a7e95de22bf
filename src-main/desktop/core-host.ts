/**
 * Runs the core inside the app: on the port from the desktop settings, with a dialog instead of a
 * crash when that port is taken, and a clean restart when the port setting changes. Listeners added
 * here outlive restarts, so the tray and notifications never hold a stale core.
 */
import { dialog, type MessageBoxOptions } from 'electron';
import { startCore } from '../core/app.js';
import { loadConfig } from '../core/config.js';
import type { Core } from '../core/core.js';
import type { CoreEventListener } from '../core/events.js';
import type { DesktopSettingsStore } from './settings.js';

/** The port offered when the configured one is taken (wrapping within the non-privileged range). */
export const nextPort = (port: number) => (port >= 65535 ? 1024 : port + 1);

export function portInUseDialog(port: number, settingsPath: string): MessageBoxOptions {
  const next = nextPort(port);
  return {
    type: 'error',
    title: 'agent-budget: port in use',
    message: `Port ${port} is already in use, so agent-budget cannot start its proxy there.`,
    detail:
      `Another program (or another copy of agent-budget started from a terminal) is listening on 127.0.0.1:${port}. ` +
      `agent-budget can use port ${next} instead; tools set up with the old port then need the new one. ` +
      `The port is also the "port" entry of ${settingsPath}.`,
    buttons: [`Use port ${next}`, 'Quit'],
    defaultId: 0,
    cancelId: 1,
  };
}

const isPortInUse = (error: unknown) => (error as { code?: unknown } | null)?.code === 'EADDRINUSE';

export interface CoreHostOptions {
  env: NodeJS.ProcessEnv;
  settings: DesktopSettingsStore;
  sqliteNativeBinding?: string;
  /** How a core that cannot start is reported (a dialog in the app, a printed reason in the smoke test). */
  showError: (title: string, message: string) => void;
}

export class CoreHost {
  private core: Core | null = null;
  private unsubscribe: () => void = () => {};
  private readonly eventListeners = new Set<CoreEventListener>();
  private readonly startListeners = new Set<(core: Core) => void>();
  private starting = false;

  constructor(private readonly options: CoreHostOptions) {
    options.settings.onChange((next, previous) => {
      if (next.port !== previous.port && !this.starting && this.core) void this.restart();
    });
  }

  get current(): Core {
    if (!this.core) throw new Error('The core is not running');
    return this.core;
  }

  /** The core, or null while it restarts or after it closed. */
  get running(): Core | null {
    return this.core;
  }

  onEvent(listener: CoreEventListener): void {
    this.eventListeners.add(listener);
  }

  onStart(listener: (core: Core) => void): void {
    this.startListeners.add(listener);
  }

  /** Resolves false when the user chose to quit or the core cannot start; the reason was shown. */
  async start(): Promise<boolean> {
    this.starting = true;
    try {
      this.core = await this.startOnFreePort();
    } finally {
      this.starting = false;
    }
    if (!this.core) return false;
    const core = this.core;
    this.unsubscribe = core.bus.on((event) => this.eventListeners.forEach((listener) => listener(event)));
    this.startListeners.forEach((listener) => listener(core));
    return true;
  }

  async restart(): Promise<boolean> {
    await this.close();
    return this.start();
  }

  async close(): Promise<void> {
    this.unsubscribe();
    const core = this.core;
    this.core = null;
    await core?.close();
  }

  private async startOnFreePort(): Promise<Core | null> {
    const { settings } = this.options;
    for (;;) {
      const port = settings.get().port;
      try {
        const config = loadConfig({ ...this.options.env, PORT: String(port) });
        return await startCore({ config, sqliteNativeBinding: this.options.sqliteNativeBinding });
      } catch (error) {
        if (!isPortInUse(error)) {
          this.options.showError('agent-budget could not start', (error as Error).message);
          return null;
        }
        const choice = await dialog.showMessageBox(portInUseDialog(port, settings.path));
        if (choice.response !== 0) return null;
        settings.update({ port: nextPort(port) });
      }
    }
  }
}
