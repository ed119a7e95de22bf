/**
 * `$CODEX_HOME/config.toml`: adds a model provider that sends Codex through the proxy on a budget and
 * makes it the default, editing the document in place (comments, order and formatting kept), and
 * undoes exactly that. What `model_provider` was before is kept beside the file, so undo restores it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, patch } from '@decimalturn/toml-patch';
import { AppError } from '../errors.js';

/** The provider id setup writes; the user's own providers are never touched. */
export const PROVIDER_ID = 'agent-budget';
const STATE_SUFFIX = '.agent-budget.json';

type Table = Record<string, unknown>;

export interface CodexSetup {
  codexHome: string;
  budget: string;
  /** The proxy's base URL, e.g. http://127.0.0.1:4727/agent-budget. */
  proxyUrl: string;
}

interface SetupState {
  /** The `model_provider` the file had before setup; null when it had none. */
  previous_model_provider: string | null;
}

export function codexConfigFile(codexHome: string): string {
  return join(codexHome, 'config.toml');
}

/** The OpenAI base URL Codex gets: the budget rides in the path, so no header is needed. */
export function codexBaseUrl(proxyUrl: string, budget: string): string {
  return `${proxyUrl}/b/${encodeURIComponent(budget)}/openai/v1`;
}

function readConfig(file: string): { text: string; config: Table } {
  if (!existsSync(file)) return { text: '', config: {} };
  const text = readFileSync(file, 'utf8');
  try {
    return { text, config: parse(text) as Table };
  } catch (error) {
    // Never overwrite a file we cannot read.
    throw new AppError('invalid_request_error', `${file} is not valid TOML (${(error as Error).message.split('\n')[0]}); fix it, then run setup again.`);
  }
}

function providersOf(config: Table): Table {
  const providers = config.model_providers;
  return typeof providers === 'object' && providers !== null && !Array.isArray(providers) ? (providers as Table) : {};
}

/** The budget the config's agent-budget provider points at, if setup was run. */
export function configuredBudget(codexHome: string): string | null {
  const provider = providersOf(readConfig(codexConfigFile(codexHome)).config)[PROVIDER_ID] as Table | undefined;
  const match = typeof provider?.base_url === 'string' ? /\/b\/([^/]+)\/openai\/v1$/.exec(provider.base_url) : null;
  return match ? decodeURIComponent(match[1]!) : null;
}

export function applyCodexSetup(setup: CodexSetup): { file: string } {
  const file = codexConfigFile(setup.codexHome);
  const { text, config } = readConfig(file);
  const stateFile = file + STATE_SUFFIX;
  // Only the first setup records what was there: a second run must not record our own provider.
  if (!existsSync(stateFile)) {
    const previous = typeof config.model_provider === 'string' ? config.model_provider : null;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(stateFile, `${JSON.stringify({ previous_model_provider: previous } satisfies SetupState)}\n`);
  }
  const provider = {
    name: `agent-budget (budget ${setup.budget})`,
    base_url: codexBaseUrl(setup.proxyUrl, setup.budget),
    env_key: 'OPENAI_API_KEY',
    wire_api: 'responses',
  };
  const updated = { ...config, model_provider: PROVIDER_ID, model_providers: { ...providersOf(config), [PROVIDER_ID]: provider } };
  const next = patch(text, updated);
  // A new file ends in a newline; an existing one keeps its own ending, so undo gives it back byte for byte.
  writeFileSync(file, text === '' && !next.endsWith('\n') ? `${next}\n` : next);
  return { file };
}

export function undoCodexSetup(codexHome: string): { file: string; result: 'restored' | 'nothing to undo' } {
  const file = codexConfigFile(codexHome);
  const stateFile = file + STATE_SUFFIX;
  const { text, config } = readConfig(file);
  const providers = providersOf(config);
  if (!existsSync(stateFile) && !(PROVIDER_ID in providers)) return { file, result: 'nothing to undo' };
  const state: SetupState = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { previous_model_provider: null };
  const { [PROVIDER_ID]: _ours, ...others } = providers;
  const updated: Table = { ...config, model_providers: others };
  if (Object.keys(others).length === 0) delete updated.model_providers;
  if (config.model_provider === PROVIDER_ID) {
    if (state.previous_model_provider === null) delete updated.model_provider;
    else updated.model_provider = state.previous_model_provider;
  }
  const restored = patch(text, updated);
  // An empty config is what Codex had when setup created the file.
  if (restored.trim() === '') rmSync(file, { force: true });
  else writeFileSync(file, restored);
  rmSync(stateFile, { force: true });
  return { file, result: 'restored' };
}
