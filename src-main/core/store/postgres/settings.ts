/**
 * Core settings shared by the team. The admission path reads them without a round trip, so each
 * instance keeps a copy, refreshed on every read through the API and by the shared-state loop
 * (shared-state.ts) within SHARED_STATE_TTL_MS.
 */
import { mergeSettings, settingsEntries, settingsSql } from '../settings-sql.js';
import type { SettingsRepo } from '../store.js';
import type { CoreSettings } from '../types.js';
import { type PgPool, rows } from './pool.js';
import { inTransaction } from './transaction.js';

export class PgSettings implements SettingsRepo {
  private constructor(
    private readonly pool: PgPool,
    private readonly afterUpdate: (settings: CoreSettings) => Promise<void>,
    private cache: CoreSettings,
  ) {}

  static async load(pool: PgPool, afterUpdate: (settings: CoreSettings) => Promise<void>): Promise<PgSettings> {
    return new PgSettings(pool, afterUpdate, mergeSettings(await rows(pool, settingsSql.all)));
  }

  current(): CoreSettings {
    return this.cache;
  }

  async get(): Promise<CoreSettings> {
    this.cache = mergeSettings(await rows(this.pool, settingsSql.all));
    return this.cache;
  }

  async update(patch: Partial<CoreSettings>): Promise<CoreSettings> {
    await inTransaction(this.pool, async (client) => {
      for (const entry of settingsEntries(patch)) await rows(client, settingsSql.upsert, entry);
    });
    const settings = await this.get();
    await this.afterUpdate(settings);
    return settings;
  }
}
