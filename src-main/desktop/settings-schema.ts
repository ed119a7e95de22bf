/**
 * The desktop-only settings (the core's own settings live in the core's store and API): the port,
 * which alerts raise a notification, the tray figure, launch at login and automatic updates. One zod schema checks every
 * value, whether it comes from the menu or from a hand-edited settings file.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { TrayFigure } from './tray/tray-state.js';

export type NotificationThreshold = '50' | '80' | '100';

const SettingsSchema = z
  .object({
    port: z.number().int().min(1024, 'must be a whole number from 1024 to 65535').max(65535, 'must be a whole number from 1024 to 65535'),
    notifications: z.object({ '50': z.boolean(), '80': z.boolean(), '100': z.boolean() }).strict(),
    trayFigure: z.custom<TrayFigure>((value) => typeof value === 'string' && /^(today|budget:.+)$/.test(value), "must be 'today' or 'budget:<budget name>'"),
    launchAtLogin: z.boolean(),
    /** Check for updates at start and daily (a manual check from the tray menu works either way). */
    autoUpdate: z.boolean(),
  })
  .strict();

export type DesktopSettings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: DesktopSettings = {
  port: 4727,
  notifications: { '50': true, '80': true, '100': true },
  trayFigure: 'today',
  launchAtLogin: false,
  autoUpdate: true,
};

const describe = (issues: z.core.$ZodIssue[]) => issues.map((issue) => ({ field: issue.path.join('.') || '(settings)', message: issue.message }));

/** Throws AppError('invalid_request_error') naming each setting at fault. */
export function validateSettings(value: unknown): DesktopSettings {
  const parsed = SettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = describe(parsed.error.issues);
  throw new AppError('invalid_request_error', `Invalid desktop settings: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
}

/**
 * Reads a settings file that a person may have edited: each valid value is kept, each invalid or
 * missing one falls back to its default, and every problem is reported instead of refusing to start.
 */
export function settingsFromFile(raw: Record<string, unknown>): { settings: DesktopSettings; problems: string[] } {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  for (const key of Object.keys(SettingsSchema.shape) as (keyof DesktopSettings)[]) {
    if (!(key in raw)) continue;
    const parsed = SettingsSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) settings[key] = parsed.data;
    else problems.push(...describe(parsed.error.issues).map((f) => `${[key, f.field].filter((p) => p && p !== '(settings)').join('.')} ${f.message}; using the default ${JSON.stringify(DEFAULT_SETTINGS[key])}`));
  }
  for (const key of Object.keys(raw)) if (!(key in SettingsSchema.shape)) problems.push(`${key} is not a desktop setting; ignored`);
  return { settings: validateSettings(settings), problems };
}

