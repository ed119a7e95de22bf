/** `setup gemini` and POST /api/gemini/setup: the project's .gemini/.env names the budget in the base URL, the rest kept, undo exact. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGeminiSetup } from '../../src-main/core/gemini/setup-command.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

let t: TestCore;
const project = () => mkdtempSync(join(tmpdir(), 'agent-budget-gemini-setup-'));
const envFile = (dir: string) => join(dir, '.gemini', '.env');

beforeAll(async () => {
  t = await startTestCore();
  await t.api('POST', '/budgets', { name: 'team-a', max_dollars: 10 });
});
afterAll(() => t.close());

describe('setup gemini (command line)', () => {
  it('writes GOOGLE_GEMINI_BASE_URL with the budget in the path, keeping every other line, and undo restores the file exactly', async () => {
    const dir = project();
    mkdirSync(join(dir, '.gemini'));
    const original = '# my settings\nGEMINI_MODEL=gemini-2.5-pro\nexport GOOGLE_GEMINI_BASE_URL=https://example.invalid\nDEBUG=0\n';
    writeFileSync(envFile(dir), original);
    const env = { PORT: String(t.core.port) };
    const message = await runGeminiSetup(['--project', dir, '--budget', 'team-a'], env);
    const expectedUrl = `http://127.0.0.1:${t.core.port}/agent-budget/b/team-a/gemini`;
    expect(message).toContain(`goes through ${expectedUrl} on budget 'team-a'`);
    expect(message).toContain('--undo');
    expect(message).not.toContain('no budget named');
    expect(readFileSync(envFile(dir), 'utf8')).toBe(`# my settings\nGEMINI_MODEL=gemini-2.5-pro\nDEBUG=0\nGOOGLE_GEMINI_BASE_URL=${expectedUrl}\n`);
    // A second run (another budget) replaces the line and keeps the first backup.
    await runGeminiSetup(['--project', dir, '--budget', 'default'], env);
    expect(readFileSync(envFile(dir), 'utf8').match(/GOOGLE_GEMINI_BASE_URL/g)).toHaveLength(1);
    expect(await runGeminiSetup(['--project', dir, '--undo'], env)).toBe(`${envFile(dir)}: restored.`);
    expect(readFileSync(envFile(dir), 'utf8')).toBe(original);
  });

  it('creates the file when there is none (undo removes it), and says when the budget or the app is missing', async () => {
    const dir = project();
    const message = await runGeminiSetup(['--project', dir, '--budget', 'nope'], { PORT: String(t.core.port) });
    expect(message).toContain("there is no budget named 'nope' yet");
    expect(existsSync(envFile(dir))).toBe(true);
    expect(await runGeminiSetup(['--project', dir, '--undo'])).toBe(`${envFile(dir)}: removed.`);
    expect(existsSync(envFile(dir))).toBe(false);
    const offline = await runGeminiSetup(['--project', dir, '--budget', 'x'], { PORT: '1' });
    expect(offline).toContain('agent-budget is not running');
  });

  it('a missing --budget is a usage error naming the flag', async () => {
    await expect(runGeminiSetup(['--project', project()])).rejects.toThrow(/--budget is required\.\nusage: setup gemini/);
  });
});

describe('POST /api/gemini/setup (the dashboard form)', () => {
  it('writes the file for an existing budget and undoes it', async () => {
    const dir = project();
    const { status, body } = await t.api('POST', '/gemini/setup', { project: dir, budget: 'team-a' });
    expect(status).toBe(200);
    expect(body).toEqual({ file: envFile(dir), backup: null, budget: 'team-a', base_url: `http://127.0.0.1:${t.core.port}/agent-budget/b/team-a/gemini` });
    expect(readFileSync(envFile(dir), 'utf8')).toBe(`GOOGLE_GEMINI_BASE_URL=${body.base_url}\n`);
    expect((await t.api('POST', '/gemini/setup', { project: dir, undo: true })).body).toEqual({ file: envFile(dir), result: 'removed' });
  });

  it('refuses a relative or missing folder and an unknown budget, writing nothing', async () => {
    const relative = await t.api('POST', '/gemini/setup', { project: 'src/app', budget: 'team-a' });
    expect(relative.status).toBe(400);
    expect(JSON.stringify(relative.body)).toContain('must be an absolute path');
    const missing = await t.api('POST', '/gemini/setup', { project: join(tmpdir(), 'no-such-folder-agent-budget'), budget: 'team-a' });
    expect(JSON.stringify(missing.body)).toContain('is not a folder on this machine');
    const dir = project();
    const unknown = await t.api('POST', '/gemini/setup', { project: dir, budget: 'ghost' });
    expect(unknown.status).toBe(404);
    expect(existsSync(envFile(dir))).toBe(false);
  });
});
