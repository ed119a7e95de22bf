/** Core settings as JSON values in a key/value table, cached: this process is the only writer. */
import type { SettingsRepo } from '../store.js';
import { DEFAULT_SETTINGS } from '../settings-defaults.js';
import type { CoreSettings } from '../types.js';
import type { SqliteDb } from './open.js';

export class SqliteSettings implements SettingsRepo {
  private cache: CoreSettings;
  private readonly upsert;

  constructor(
    private readonly db: SqliteDb,
    private readonly afterUpdate: (settings: CoreSettings) => void,
  ) {
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    const stored = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
    const values: Record<string, unknown> = {};
    for (const { key, value } of stored) if (key in DEFAULT_SETTINGS) values[key] = JSON.parse(value);
    this.cache = { ...DEFAULT_SETTINGS, ...values } as CoreSettings;
  }

  /** For ledger transactions, which must not await. */
  current(): CoreSettings {
    return this.cache;
  }

  async get(): Promise<CoreSettings> {
    return this.cache;
  }

  async update(patch: Partial<CoreSettings>): Promise<CoreSettings> {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(defined)) this.upsert.run(key, JSON.stringify(value));
    })();
    this.cache = { ...this.cache, ...defined };
    this.afterUpdate(this.cache);
    return this.cache;
  }
}
