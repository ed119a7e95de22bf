// `npm start`: the desktop app where Electron is installed; elsewhere (headless build machines,
// where its binary cannot be downloaded) the same core headless, so the command always serves.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinding } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The electron package exports its binary's path, and throws when the binary was never downloaded. */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs the child in the foreground: signals go to it, and its exit is ours. */
function runForwarding(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function runHeadless(reason) {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = process.env.PORT ?? '4727';
  console.log(`${reason}; running agent-budget headless — dashboard at http://${host}:${port}/agent-budget/`);
  runForwarding(process.execPath, ['dist/src-main/cli.js', 'serve'], process.env);
}

/** better-sqlite3 for Electron's ABI; null (with the reason printed) when it cannot be had here. */
function electronSqlite() {
  try {
    return ensureElectronBinding();
  } catch (error) {
    console.error(`agent-budget: could not build better-sqlite3 for Electron: ${error.message}`);
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  runHeadless('Electron is not installed on this machine');
} else if (!electronSqlite()) {
  runHeadless('better-sqlite3 could not be built for Electron');
} else {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron run main.js as plain Node
  runForwarding(binary, ['.'], env);
}
