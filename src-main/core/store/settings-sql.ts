/** Core settings as JSON values in a key/value table, shared by both stores. */
import { DEFAULT_SETTINGS } from './settings-defaults.js';
import type { CoreSettings } from './types.js';

export const settingsSql = {
  all: 'SELECT key, value FROM settings',
  upsert: 'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
};

/** Stored values over the defaults; keys this version does not know are ignored. */
export function mergeSettings(stored: { key: string; value: string }[]): CoreSettings {
  const values: Record<string, unknown> = {};
  for (const { key, value } of stored) if (key in DEFAULT_SETTINGS) values[key] = JSON.parse(value);
  return { ...DEFAULT_SETTINGS, ...values } as CoreSettings;
}

/** The keys a patch really sets, with their stored form. */
export function settingsEntries(patch: Partial<CoreSettings>): { key: string; value: string }[] {
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ key, value: JSON.stringify(value) }));
}
