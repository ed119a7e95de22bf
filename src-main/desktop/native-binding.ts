/**
 * better-sqlite3 is a native module. Installed packages are built for Node (so `npm test` runs);
 * a packaged app has them rebuilt for Electron by electron-builder. In between, `npm start` runs
 * Electron on the source tree, and scripts/electron-native.mjs puts an Electron build of the
 * binding in build/electron-native without touching node_modules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ELECTRON_NATIVE_BINDING = join('build', 'electron-native', 'better_sqlite3.node');

/** The binding to load, or undefined to let better-sqlite3 find its own. */
export function sqliteBindingFor(appPath: string, isPackaged: boolean, exists: (path: string) => boolean = existsSync): string | undefined {
  if (isPackaged) return undefined;
  const path = join(appPath, ELECTRON_NATIVE_BINDING);
  return exists(path) ? path : undefined;
}
