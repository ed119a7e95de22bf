// Electron is an optional dependency: where its binary cannot be downloaded (CI, headless build
// machines) npm drops the package whole. The shell is still type-checked against Electron's own
// electron.d.ts, so put the package back without running its download script.
//
// A development step only: for people who install the published package (`npx agent-budget`,
// `npm i -g agent-budget`) there is no type check to feed, so it does nothing unless this is a
// checkout with its development dependencies installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const inCheckout = existsSync(new URL('../node_modules/typescript/package.json', import.meta.url)) && existsSync(new URL('../tsconfig.json', import.meta.url));
if (!inCheckout) process.exit(0);

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const electronVersion = pkg.optionalDependencies.electron;

if (!existsSync(new URL('../node_modules/electron/electron.d.ts', import.meta.url))) {
  console.log(`agent-budget: the Electron binary could not be installed here; adding electron@${electronVersion} for its types only. \`npm start\` will run headless.`);
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `electron@${electronVersion}`], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}
