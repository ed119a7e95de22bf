/** Core settings in SQLite, cached: this process is the only writer. */
import { mergeSettings, settingsEntries, settingsSql } from '../settings-sql.js';
import type { SettingsRepo } from '../store.js';
import type { CoreSettings } from '../types.js';
import type { SqliteDb } from './open.js';
import { writeTransaction } from './write-gate.js';

export class SqliteSettings implements SettingsRepo {
  private cache: CoreSettings;
  private readonly upsert;

  constructor(
    private readonly db: SqliteDb,
    private readonly afterUpdate: (settings: CoreSettings) => void,
  ) {
    this.upsert = db.prepare(settingsSql.upsert);
    this.cache = mergeSettings(db.prepare<[], { key: string; value: string }>(settingsSql.all).all());
  }

  /** For ledger transactions, which must not await. */
  current(): CoreSettings {
    return this.cache;
  }

  async get(): Promise<CoreSettings> {
    return this.cache;
  }

  async update(patch: Partial<CoreSettings>): Promise<CoreSettings> {
    const entries = settingsEntries(patch);
    writeTransaction(this.db, () => {
      for (const entry of entries) this.upsert.run(entry);
    })();
    this.cache = mergeSettings(this.db.prepare<[], { key: string; value: string }>(settingsSql.all).all());
    this.afterUpdate(this.cache);
    return this.cache;
  }
}
