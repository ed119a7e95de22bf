/**
 * Installers cannot be built here (downloads, and dmg needs macOS), so the packaging configuration
 * is checked the way `electron-builder` itself checks it before a build: its own config loader and
 * its own schema validator (ajv over app-builder-lib's scheme.json).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as typeof import('app-builder-lib/out/util/config/config.js');
const { DebugLogger } = require('builder-util') as typeof import('builder-util');

const root = process.cwd();
const load = () => getConfig(root, 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really checked: a misplaced option is refused by the same validator', async () => {
    const config = { ...(await load()), title: 'misplaced' } as Configuration;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow("unknown property 'title'");
  });

  it('builds dmg (tray-only, no Dock icon), nsis, AppImage and deb with the Electron the app is written for', async () => {
    const config = await load();
    const pkg = require('../../package.json') as { peerDependencies: { electron: string } };
    expect(config.electronVersion).toBe(pkg.peerDependencies.electron);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
    expect(config.win?.target).toBe('nsis');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.npmRebuild).toBe(true);
  });

  it('points at files that exist', async () => {
    const config = await load();
    for (const file of [config.mac?.icon, config.win?.icon, config.linux?.icon, config.mac?.entitlements]) {
      expect(file && existsSync(file), `${file} exists`).toBe(true);
    }
  });
});
