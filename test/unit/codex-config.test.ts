/** Codex's config.toml as setup edits it: in place, idempotent, undone exactly, never overwritten when unreadable. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@decimalturn/toml-patch';
import { describe, expect, it } from 'vitest';
import { applyCodexSetup, configuredBudget, undoCodexSetup } from '../../src-main/core/codex/config-file.js';

const PROXY = 'http://127.0.0.1:4727/agent-budget';
const home = () => mkdtempSync(join(tmpdir(), 'agent-budget-codex-config-'));
const config = (dir: string) => join(dir, 'config.toml');

describe('setup codex on config.toml', () => {
  it('creates the file when Codex has none, with a provider Codex reads, and undo removes it again', () => {
    const dir = home();
    applyCodexSetup({ codexHome: dir, budget: 'team a', proxyUrl: PROXY });
    const written = parse(readFileSync(config(dir), 'utf8'));
    expect(written).toEqual({
      model_provider: 'agent-budget',
      model_providers: { 'agent-budget': { name: 'agent-budget (budget team a)', base_url: `${PROXY}/b/team%20a/openai/v1`, env_key: 'OPENAI_API_KEY', wire_api: 'responses' } },
    });
    expect(configuredBudget(dir)).toBe('team a');
    expect(undoCodexSetup(dir).result).toBe('restored');
    expect(existsSync(config(dir))).toBe(false);
    expect(configuredBudget(dir)).toBeNull();
  });

  it('keeps comments, other providers and profiles; running it again switches the budget and undo still restores the original', () => {
    const dir = home();
    const original = [
      '# my settings',
      'model = "gpt-6.1-terra" # fast one',
      'model_provider = "openai"',
      '',
      '[model_providers.ollama]',
      'name = "Ollama"',
      'base_url = "http://localhost:11434/v1"',
      '',
      '[profiles.deep]',
      'model = "gpt-6.1-sol"',
      '',
    ].join('\n');
    writeFileSync(config(dir), original);
    applyCodexSetup({ codexHome: dir, budget: 'a', proxyUrl: PROXY });
    applyCodexSetup({ codexHome: dir, budget: 'b', proxyUrl: PROXY });
    const text = readFileSync(config(dir), 'utf8');
    expect(text).toContain('model = "gpt-6.1-terra" # fast one');
    expect(parse(text)).toMatchObject({ model_provider: 'agent-budget', model_providers: { ollama: { name: 'Ollama' } }, profiles: { deep: { model: 'gpt-6.1-sol' } } });
    expect(configuredBudget(dir)).toBe('b');
    undoCodexSetup(dir);
    expect(readFileSync(config(dir), 'utf8')).toBe(original);
    expect(undoCodexSetup(dir).result).toBe('nothing to undo');
  });

  it('refuses a file that is not TOML, leaving it as it was', () => {
    const dir = home();
    writeFileSync(config(dir), 'model = "unterminated\n');
    expect(() => applyCodexSetup({ codexHome: dir, budget: 'a', proxyUrl: PROXY })).toThrow(/config\.toml is not valid TOML/);
    expect(readFileSync(config(dir), 'utf8')).toBe('model = "unterminated\n');
  });
});
