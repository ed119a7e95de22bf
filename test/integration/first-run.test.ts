/**
 * The first-run API on the built app (`serve` as its own process), with a temporary home folder and
 * PATH standing in for a person's machine: which agents are found, one-click setup of Claude Code's
 * user settings, Codex's config.toml and the Gemini CLI's user .env, each with undo, and when the walkthrough is offered.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const running: ServeProcess[] = [];
const folders: string[] = [];
const scratch = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `agent-budget-${name}-`));
  folders.push(dir);
  return dir;
};

/** A home with the given agent folders, and a PATH holding stand-ins for the given commands. */
function machine(options: { folders?: string[]; commands?: string[] }) {
  const home = scratch('home');
  for (const folder of options.folders ?? []) mkdirSync(join(home, folder));
  const bin = scratch('bin');
  for (const command of options.commands ?? []) {
    const file = join(bin, process.platform === 'win32' ? `${command}.cmd` : command);
    writeFileSync(file, process.platform === 'win32' ? '@echo off\r\n' : '#!/bin/sh\n');
    chmodSync(file, 0o755);
  }
  return { home, env: { HOME: home, USERPROFILE: home, PATH: bin, AGENT_BUDGET_CLAUDE_LOGS: '0' } };
}

async function serve(env: Record<string, string>, dataDir = scratch('data')): Promise<ServeProcess> {
  const app = await startServe({ ...env, AGENT_BUDGET_DATA_DIR: dataDir });
  running.push(app);
  return app;
}

afterEach(async () => {
  for (const app of running.splice(0)) {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const settingsFile = (home: string) => join(home, '.claude', 'settings.json');

describe('GET /api/first-run', () => {
  it('on a fresh data folder: pending, each agent found by its folder or its command, a proposed budget', async () => {
    const { env, home } = machine({ folders: ['.claude', '.codex'], commands: ['gemini'] });
    const app = await serve(env);
    const { status, body } = await app.api('GET', '/first-run');
    expect(status).toBe(200);
    expect(body.pending).toBe(true);
    expect(body.proxy_url).toBe(app.base);
    expect(body.proposed_budget).toEqual({ name: 'agents', max_dollars: 20, period: 'daily' });
    const byId = Object.fromEntries(body.agents.map((agent: { id: string }) => [agent.id, agent]));
    expect(byId['claude-code']).toMatchObject({ found: true, evidence: [`${join(home, '.claude')} exists`], applied: null });
    expect(byId['claude-code'].plan).toContain(settingsFile(home));
    expect(byId.codex).toMatchObject({ found: true, evidence: [`${join(home, '.codex')} exists`] });
    expect(byId.gemini.found).toBe(true);
    expect(byId.gemini.evidence[0]).toMatch(/^`gemini` is on PATH \(.+gemini(\.cmd)?\)$/);
  });

  it('an empty machine finds nothing, and says where it looked', async () => {
    const { env, home } = machine({});
    const app = await serve(env);
    const { body } = await app.api('GET', '/first-run');
    expect(body.agents.map((agent: { found: boolean }) => agent.found)).toEqual([false, false, false]);
    expect(body.agents[1].looked_for).toEqual([join(home, '.codex'), '`codex` on PATH']);
  });

  it('a data folder that was in use before this version is not walked through again; complete ends a pending one', async () => {
    const { env } = machine({});
    const dataDir = scratch('data');
    const first = await serve(env, dataDir);
    expect((await first.api('POST', '/first-run/complete')).status).toBe(200);
    expect((await first.api('GET', '/first-run')).body).toMatchObject({ pending: false, completed_at: expect.any(String) });

    // An older version's folder: a store but no first-run record.
    first.child.kill('SIGTERM');
    await first.exited;
    rmSync(join(dataDir, 'first-run.json'));
    const upgraded = await serve(env, dataDir);
    expect((await upgraded.api('GET', '/first-run')).body.pending).toBe(false);
  });
});

describe('one-click setup', () => {
  it("puts Claude Code's user settings on the budget, keeping the person's own keys, and undo restores the file exactly", async () => {
    const { env, home } = machine({ folders: ['.claude'] });
    const original = `${JSON.stringify({ model: 'opus', env: { MY_VAR: '1' }, statusLine: { type: 'command', command: 'my-status' } }, null, 2)}\n`;
    writeFileSync(settingsFile(home), original);
    const app = await serve(env);
    expect((await app.api('POST', '/budgets', { name: 'agents', max_dollars: 20 })).status).toBe(201);

    const setup = await app.api('POST', '/first-run/agents/claude-code/setup', { budget: 'agents' });
    expect(setup.status).toBe(200);
    expect(setup.body).toEqual({
      agent: 'claude-code',
      budget: 'agents',
      changes: [{ file: settingsFile(home), action: 'modified', backup: `${settingsFile(home)}.agent-budget-backup` }],
    });
    expect(JSON.parse(readFileSync(settingsFile(home), 'utf8'))).toEqual({
      model: 'opus',
      env: { MY_VAR: '1', ANTHROPIC_BASE_URL: app.base, ANTHROPIC_CUSTOM_HEADERS: 'X-Budget-Id: agents' },
      // The person's own status line is theirs to keep.
      statusLine: { type: 'command', command: 'my-status' },
    });
    const status = (await app.api('GET', '/first-run')).body;
    expect(status.agents[0].applied).toEqual({ budget: 'agents', changes: setup.body.changes });

    const undo = await app.api('POST', '/first-run/agents/claude-code/undo');
    expect(undo.body).toEqual({ agent: 'claude-code', undone: [{ file: settingsFile(home), result: 'restored' }] });
    expect(readFileSync(settingsFile(home), 'utf8')).toBe(original);
    expect((await app.api('GET', '/first-run')).body.agents[0].applied).toBeNull();
  });

  it("puts Codex on the budget in its config.toml, keeping the person's own settings, and undo restores the file exactly", async () => {
    const { env, home } = machine({ folders: ['.codex'] });
    const config = join(home, '.codex', 'config.toml');
    const original = '# mine\nmodel = "gpt-6.1-sol"\n\n[model_providers.work]\nname = "work"\nbase_url = "https://llm.example/v1"\n';
    writeFileSync(config, original);
    const app = await serve(env);
    const { body } = await app.api('GET', '/first-run');
    expect(body.agents.find((agent: { id: string }) => agent.id === 'codex').plan).toContain(config);
    const setup = await app.api('POST', '/first-run/agents/codex/setup', { budget: 'default' });
    expect(setup.body).toEqual({ agent: 'codex', budget: 'default', changes: [{ file: config, action: 'modified', backup: null }] });
    const written = readFileSync(config, 'utf8');
    expect(written).toContain('model = "gpt-6.1-sol"');
    expect(written).toContain('model_provider = "agent-budget"');
    expect(written).toContain(`base_url = "${app.base}/b/default/openai/v1"`);
    expect(written).toContain('base_url = "https://llm.example/v1"');
    const undo = await app.api('POST', '/first-run/agents/codex/undo');
    expect(undo.body).toEqual({ agent: 'codex', undone: [{ file: config, result: 'restored' }] });
    expect(readFileSync(config, 'utf8')).toBe(original);
  });

  it("points the Gemini CLI at the budget in the user-level ~/.gemini/.env, keeping its other lines, and undo restores it", async () => {
    const { env, home } = machine({ folders: ['.gemini'] });
    const envFile = join(home, '.gemini', '.env');
    const original = 'GEMINI_MODEL=gemini-3.1-pro-preview\n';
    writeFileSync(envFile, original);
    const app = await serve(env);
    const setup = await app.api('POST', '/first-run/agents/gemini/setup', { budget: 'default' });
    expect(setup.body).toEqual({ agent: 'gemini', budget: 'default', changes: [{ file: envFile, action: 'modified', backup: `${envFile}.agent-budget-backup` }] });
    expect(readFileSync(envFile, 'utf8')).toBe(`${original}GOOGLE_GEMINI_BASE_URL=${app.base}/b/default/gemini\n`);
    const undo = await app.api('POST', '/first-run/agents/gemini/undo');
    expect(undo.body).toEqual({ agent: 'gemini', undone: [{ file: envFile, result: 'restored' }] });
    expect(readFileSync(envFile, 'utf8')).toBe(original);
  });

  it('creates the settings file (with the status line) when there is none, and undo removes it', async () => {
    const { env, home } = machine({ commands: ['claude'] });
    const app = await serve(env);
    const setup = await app.api('POST', '/first-run/agents/claude-code/setup', { budget: 'default' });
    expect(setup.body.changes).toEqual([{ file: settingsFile(home), action: 'created', backup: null }]);
    const written = JSON.parse(readFileSync(settingsFile(home), 'utf8'));
    expect(written.statusLine).toEqual({ type: 'command', command: expect.stringMatching(/statusline$/) });
    expect((await app.api('POST', '/first-run/agents/claude-code/undo')).body.undone).toEqual([{ file: settingsFile(home), result: 'removed' }]);
    expect(existsSync(settingsFile(home))).toBe(false);
  });

  it('needs the admin token, an existing budget, and a known agent', async () => {
    const { env, home } = machine({ folders: ['.claude', '.codex'] });
    const app = await serve(env);
    const anonymous = await fetch(`${app.base}/api/first-run/agents/claude-code/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"budget":"default"}' });
    expect(anonymous.status).toBe(401);
    const missing = await app.api('POST', '/first-run/agents/claude-code/setup', { budget: 'nobody' });
    expect(missing.status).toBe(404);
    const noBudget = await app.api('POST', '/first-run/agents/claude-code/setup', {});
    expect(noBudget.status).toBe(400);
    expect(JSON.stringify(noBudget.body)).toContain('budget');
    expect((await app.api('POST', '/first-run/agents/cursor/setup', { budget: 'default' })).status).toBe(404);
    // Nothing was written by any refused request.
    expect(existsSync(settingsFile(home))).toBe(false);
  });
});
