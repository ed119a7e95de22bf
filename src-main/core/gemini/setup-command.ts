/** `setup gemini --project DIR --budget NAME [--undo]`: puts a project's Gemini CLI on a budget (or takes it off). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { coreClient } from '../claude-code/core-client.js';
import { AppError } from '../errors.js';
import { applyGeminiSetup, undoGeminiSetup } from './env-file.js';

const USAGE = 'usage: setup gemini --project DIR --budget NAME [--undo]';

function parse(args: string[]): { project: string; budget: string; undo: boolean } {
  try {
    const { values } = parseArgs({ args, options: { project: { type: 'string' }, budget: { type: 'string' }, undo: { type: 'boolean', default: false } } });
    if (!values.undo && !values.budget) throw new Error('--budget is required.');
    return { project: resolve(values.project ?? '.'), budget: values.budget ?? '', undo: values.undo };
  } catch (error) {
    throw new AppError('invalid_request_error', `${(error as Error).message}\n${USAGE}`);
  }
}

export async function runGeminiSetup(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const options = parse(args);
  if (options.undo) {
    const { file, result } = undoGeminiSetup(options.project);
    return `${file}: ${result}.`;
  }
  const client = coreClient(env);
  const { file, backup, base_url } = applyGeminiSetup({ ...options, proxyUrl: client.base });
  const lines = [
    `The Gemini CLI in ${options.project} now goes through ${base_url} on budget '${options.budget}' (${file}).`,
    'It must sign in with a Gemini API key (GEMINI_API_KEY, auth type gemini-api-key): "Login with Google" does not use this base URL.',
  ];
  if (backup) lines.push(`The previous file is kept as ${backup}; \`--undo\` restores it.`);
  try {
    if (!(await client.get(`/api/budgets/${encodeURIComponent(options.budget)}`))) {
      lines.push(`Note: there is no budget named '${options.budget}' yet; create it in the dashboard, or its requests get a 404.`);
    }
  } catch {
    lines.push(`Note: agent-budget is not running at ${client.base}; start it before using the Gemini CLI there.`);
  }
  return lines.join('\n');
}
