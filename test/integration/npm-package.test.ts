/**
 * The published package as a person gets it: `npm pack`, then installed into a clean prefix the way
 * `npm i -g agent-budget` does (dependencies from the npm registry), then the installed
 * `agent-budget` started, a metered request sent through it to a loopback Anthropic, and the
 * dashboard page and its assets loaded from it.
 */
import Anthropic from '@anthropic-ai/sdk';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic, type MockAnthropic } from '../helpers/mock-anthropic.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const run = promisify(execFile);
const windows = process.platform === 'win32';
const npm = (args: string[], cwd: string) => run(windows ? 'npm.cmd' : 'npm', args, { cwd, shell: windows, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });

const root = process.cwd();
let scratch: string;
let prefix: string;
let bin: string;
let installed: string;
let mock: MockAnthropic;
const servers: ServeProcess[] = [];

async function start(args: string[]): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  const app = await startServe({ AGENT_BUDGET_DATA_DIR: dataDir, ANTHROPIC_UPSTREAM_URL: mock.url, AGENT_BUDGET_CLAUDE_LOGS: '0', HOME: scratch, USERPROFILE: scratch }, { file: bin, args });
  servers.push(app);
  return app;
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  scratch = mkdtempSync(join(tmpdir(), 'agent-budget-package-'));
  prefix = join(scratch, 'prefix');
  // prepack would build again: npm test has just built dist/.
  const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], root);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  await npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', join(scratch, packed.filename)], scratch);
  bin = windows ? join(prefix, 'agent-budget.cmd') : join(prefix, 'bin', 'agent-budget');
  installed = windows ? join(prefix, 'node_modules', 'agent-budget') : join(prefix, 'lib', 'node_modules', 'agent-budget');
  mock = await startMockAnthropic();
}, 600_000);

afterAll(async () => {
  for (const app of servers) {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  await mock?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the npm package installed globally', () => {
  it('holds the built app and its dashboard, and none of the sources, tests or Electron', () => {
    expect(existsSync(bin)).toBe(true);
    expect(existsSync(join(installed, 'dist', 'src-main', 'cli.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'src-main', 'core', 'store', 'migrations.js'))).toBe(true);
    expect(readdirSync(join(installed, 'dist', 'renderer', 'assets')).some((file) => file.endsWith('.js'))).toBe(true);
    for (const absent of ['src-main', 'src-renderer', 'test', 'bench', 'scripts', join('node_modules', 'electron'), join('node_modules', 'typescript')]) {
      expect(existsSync(join(installed, absent)), `${absent} is not installed`).toBe(false);
    }
  });

  it('resolves every package the core and the CLI import from its own dependencies (Electron aside)', async () => {
    const sources = readdirSync(join(installed, 'dist', 'src-main'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const imported = new Set<string>();
    for (const file of sources) {
      const code = readFileSync(join(installed, 'dist', 'src-main', file), 'utf8');
      const specifiers = [...code.matchAll(/^\s*(?:import|export)\s[^'\n]*\bfrom\s*'([^.'][^']*)'/gm), ...code.matchAll(/\bimport\(\s*'([^.'][^']*)'\s*\)/g)];
      for (const [, name] of specifiers) if (!name.startsWith('node:') && name !== 'electron') imported.add(name);
    }
    expect(imported.size).toBeGreaterThan(8);
    // Resolved as the installed files resolve them: from a module inside the package.
    const probe = join(installed, 'dist', 'resolve-probe.mjs');
    writeFileSync(probe, `const missing = [];\nfor (const name of ${JSON.stringify([...imported])}) { try { import.meta.resolve(name); } catch { missing.push(name); } }\nconsole.log(JSON.stringify(missing));\n`);
    const { stdout } = await run(process.execPath, [probe]);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('`agent-budget` alone starts the app, as `npx agent-budget` does', async () => {
    const app = await start([]);
    expect(app.output()).toMatch(/Dashboard:\s+http:\/\/127\.0\.0\.1:\d+\/agent-budget\/#token=/);
    expect((await fetch(`${app.base}/health`)).status).toBe(200);
  });

  it('`agent-budget serve` meters a request and serves the dashboard with its assets', async () => {
    const app = await start(['serve']);
    mock.scenario = { kind: 'ok', usage: { input_tokens: 20_000, output_tokens: 4_000 } };
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: app.base, defaultHeaders: { 'X-Budget-Id': 'default' }, maxRetries: 0 });
    const message = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.type).toBe('message');
    const usage = (await app.api('GET', '/budgets/default/usage')).body;
    // $3/M in, $15/M out on Sonnet 4.6: 20k in + 4k out = $0.12.
    expect(usage.items).toMatchObject([{ status: 'ok', input_tokens: 20_000, output_tokens: 4_000, cost_dollars: 0.12 }]);

    const page = await fetch(`${app.base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    expect(assets.some((asset) => asset.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const response = await fetch(`${app.base}/${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /javascript/ : /css/);
    }
  });

  it('`setup claude-code` from the global install writes `agent-budget statusline` as the status line', async () => {
    const project = mkdtempSync(join(scratch, 'project-'));
    const env = { ...process.env, PATH: `${windows ? prefix : join(prefix, 'bin')}${delimiter}${process.env.PATH}`, PORT: '9' };
    await run(bin, ['setup', 'claude-code', '--project', project, '--budget', 'default'], { env, shell: windows });
    const settings = JSON.parse(readFileSync(join(project, '.claude', 'settings.local.json'), 'utf8'));
    expect(settings.statusLine).toEqual({ type: 'command', command: 'agent-budget statusline' });
  });
});
