/** The desktop settings file (electron-store), validated by settings-schema.ts and watched for edits. */
import ElectronStore from 'electron-store';
import { settingsFromFile, validateSettings, type DesktopSettings } from './settings-schema.js';

export type SettingsListener = (next: DesktopSettings, previous: DesktopSettings) => void;

export class DesktopSettingsStore {
  private readonly file: ElectronStore<Record<string, unknown>>;
  private current: DesktopSettings;
  private readonly listeners = new Set<SettingsListener>();
  readonly problems: string[];

  /** `watch` follows edits made to the file by hand while the app runs. */
  constructor(options: { cwd: string; watch?: boolean }) {
    this.file = new ElectronStore<Record<string, unknown>>({ name: 'desktop-settings', cwd: options.cwd, watch: options.watch ?? false });
    const loaded = settingsFromFile(this.file.store);
    this.current = loaded.settings;
    this.problems = loaded.problems;
    this.file.store = this.current;
    this.file.onDidAnyChange((raw) => this.adopt(settingsFromFile(raw ?? {}).settings));
  }

  get path(): string {
    return this.file.path;
  }

  get(): DesktopSettings {
    return this.current;
  }

  /** Validates the whole result before anything is written; throws AppError naming the bad value. */
  update(patch: Partial<DesktopSettings>): DesktopSettings {
    const next = validateSettings({ ...this.current, ...patch });
    this.file.store = next;
    this.adopt(next);
    return next;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.file._closeWatcher();
  }

  /** The file's own change event and update() both land here; only a real change is announced. */
  private adopt(next: DesktopSettings): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) listener(next, previous);
  }
}
