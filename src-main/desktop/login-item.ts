/**
 * Launch at login: the OS login-item API on macOS and Windows; on Linux, where Electron has none,
 * an XDG autostart entry in ~/.config/autostart.
 */
import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export function autostartPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart', 'agent-budget.desktop');
}

/** Desktop Entry `Exec` quoting: arguments with spaces or specials are double-quoted, `"` `\` `` ` `` `$` escaped. */
function execArgument(arg: string): string {
  return /^[\w./:=+-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=agent-budget',
    'Comment=Keeps AI agents inside their budgets',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** What starts this app again: an AppImage must be started through its image, not the extracted binary. */
export function launchCommand(execPath: string, env: NodeJS.ProcessEnv, isPackaged: boolean, appPath: string): string[] {
  if (env.APPIMAGE) return [env.APPIMAGE];
  return isPackaged ? [execPath] : [execPath, appPath];
}

export function setLaunchAtLogin(enabled: boolean, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): void {
  if (platform === 'darwin' || platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const file = autostartPath(env);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, autostartEntry(launchCommand(process.execPath, env, app.isPackaged, app.getAppPath())));
}
