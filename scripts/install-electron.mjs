// Electron is an optional peer dependency: the published package is the headless app (npx
// agent-budget), and nobody who installs it should download a 100 MB browser they do not run.
// In a checkout, `npm install` runs this (the `prepare` script, which npm never runs for people
// installing the package from the registry): it installs the Electron the desktop shell is written
// for. Where its binary cannot be downloaded (CI, headless build machines), it installs the package
// without the binary, so the shell is still type-checked against Electron's own electron.d.ts and
// `npm start` falls back to headless.
//
// npm does not add a package that the project names as an optional peer, so Electron is installed
// in a scratch prefix and moved into node_modules (the package is self-contained once installed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const version = readJson(join(root, 'package.json')).peerDependencies.electron;
const target = join(root, 'node_modules', 'electron');
const installed = existsSync(join(target, 'package.json')) ? readJson(join(target, 'package.json')).version : null;

function installInto(prefix, extraArgs, env) {
  execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...extraArgs, `electron@${version}`], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env,
  });
}

if (installed !== version) {
  const scratch = mkdtempSync(join(tmpdir(), 'agent-budget-electron-'));
  try {
    try {
      installInto(scratch, [], process.env);
    } catch {
      console.log(`agent-budget: the Electron binary could not be downloaded here; adding electron@${version} for its types only. \`npm start\` will run headless.`);
      installInto(scratch, ['--ignore-scripts'], { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    }
    rmSync(target, { recursive: true, force: true });
    try {
      renameSync(join(scratch, 'node_modules', 'electron'), target);
    } catch {
      cpSync(join(scratch, 'node_modules', 'electron'), target, { recursive: true }); // another drive (Windows temp)
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
