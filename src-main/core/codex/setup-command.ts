/**
 * `setup codex --budget NAME [--codex-home DIR] [--undo]`: puts Codex CLI on a budget (or takes it
 * off) by writing a model provider into its config.toml.
 */
import { parseArgs } from 'node:util';
import { coreClient } from '../claude-code/core-client.js';
import { AppError } from '../errors.js';
import { codexHome } from './codex-home.js';
import { applyCodexSetup, codexBaseUrl, PROVIDER_ID, undoCodexSetup } from './config-file.js';

const USAGE = 'usage: setup codex --budget NAME [--codex-home DIR] [--undo]';

function usageError(problem: string): AppError {
  return new AppError('invalid_request_error', `${problem}\n${USAGE}`);
}

function parse(args: string[], env: NodeJS.ProcessEnv) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { budget: { type: 'string' }, 'codex-home': { type: 'string' }, undo: { type: 'boolean', default: false } } });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals[0] !== 'codex' || positionals.length > 1) throw usageError('this is the codex setup.');
  if (!values.undo && !values.budget) throw usageError('--budget is required.');
  return { budget: values.budget ?? '', home: values['codex-home'] ? codexHome({ CODEX_HOME: values['codex-home'] }) : codexHome(env), undo: values.undo };
}

export async function runCodexSetup(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const options = parse(args, env);
  if (options.undo) {
    const { file, result } = undoCodexSetup(options.home);
    return `${file}: ${result}.`;
  }
  const client = coreClient(env);
  const { file } = applyCodexSetup({ codexHome: options.home, budget: options.budget, proxyUrl: client.base });
  const lines = [
    `Codex now goes through ${codexBaseUrl(client.base, options.budget)} on budget '${options.budget}' (${file}: model provider '${PROVIDER_ID}').`,
    'It authenticates with OPENAI_API_KEY from the environment; `--undo` restores the previous model provider.',
  ];
  if (!env.OPENAI_API_KEY) lines.push('Note: OPENAI_API_KEY is not set in this shell; set it where you run Codex (a ChatGPT sign-in is not billed per request and does not go through the proxy).');
  try {
    if (!(await client.get(`/api/budgets/${encodeURIComponent(options.budget)}`))) {
      lines.push(`Note: there is no budget named '${options.budget}' yet; create it in the dashboard, or its requests get a 404.`);
    }
  } catch {
    lines.push(`Note: agent-budget is not running at ${client.base}; start it before using Codex.`);
  }
  return lines.join('\n');
}
