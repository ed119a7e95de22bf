// better-sqlite3 for Electron's ABI, kept apart from node_modules (whose Node build `npm test`
// needs): the package is copied to a temporary folder, given Electron's prebuilt binary there
// (or compiled against Electron's headers when no prebuilt exists), and the resulting
// better_sqlite3.node is put in build/electron-native/, which the app passes to better-sqlite3's
// `nativeBinding` option. Packaged apps do not need this: electron-builder rebuilds app
// dependencies for Electron. Usage: node scripts/electron-native.mjs (run by scripts/start.mjs).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readVersion = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const outDir = join(root, 'build', 'electron-native');
export const bindingPath = join(outDir, 'better_sqlite3.node');
const stampPath = join(outDir, 'built-for.json');

function build(packageDir, electronVersion) {
  const run = (script, args) => execFileSync(process.execPath, [join(root, 'node_modules', script), ...args], { cwd: packageDir, stdio: 'inherit' });
  try {
    run('prebuild-install/bin.js', ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]);
  } catch {
    console.log('agent-budget: no prebuilt better-sqlite3 for this Electron; compiling it against Electron headers.');
    run('node-gyp/bin/node-gyp.js', ['rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron']);
  }
}

/** Builds the binding unless one for this Electron and better-sqlite3 pair is already there. */
export function ensureElectronBinding() {
  const wanted = JSON.stringify({ electron: readVersion('electron'), betterSqlite3: readVersion('better-sqlite3'), arch: process.arch });
  if (existsSync(bindingPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === wanted) return bindingPath;
  const work = mkdtempSync(join(tmpdir(), 'agent-budget-electron-native-'));
  try {
    const packageDir = join(work, 'better-sqlite3');
    cpSync(join(root, 'node_modules', 'better-sqlite3'), packageDir, { recursive: true, filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`) });
    build(packageDir, JSON.parse(wanted).electron);
    mkdirSync(outDir, { recursive: true });
    cpSync(join(packageDir, 'build', 'Release', 'better_sqlite3.node'), bindingPath);
    writeFileSync(stampPath, wanted);
    return bindingPath;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`agent-budget: better-sqlite3 for Electron is at ${ensureElectronBinding()}`);
}
