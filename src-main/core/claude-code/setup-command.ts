/**
 * `setup claude-code --project DIR --budget NAME [--max-output-tokens N] [--undo]`: puts a project's
 * Claude Code on a budget (or takes it off), and says how to add the status line.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../errors.js';
import { coreClient } from './core-client.js';
import { applyClaudeCodeSetup, undoClaudeCodeSetup } from './settings-file.js';
import { statusLineCommand } from './statusline-command.js';

const USAGE = 'usage: setup claude-code --project DIR --budget NAME [--max-output-tokens N] [--undo]';

function usageError(problem: string): AppError {
  return new AppError('invalid_request_error', `${problem}\n${USAGE}`);
}

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { project: { type: 'string' }, budget: { type: 'string' }, 'max-output-tokens': { type: 'string' }, undo: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals[0] !== 'claude-code' || positionals.length > 1) throw usageError('setup knows one target: claude-code.');
  const maxOutput = values['max-output-tokens'];
  if (maxOutput !== undefined && !/^[1-9]\d*$/.test(maxOutput)) throw usageError('--max-output-tokens must be a positive whole number.');
  if (!values.undo && !values.budget) throw usageError('--budget is required.');
  return { project: resolve(values.project ?? '.'), budget: values.budget ?? '', maxOutputTokens: maxOutput ? Number(maxOutput) : null, undo: values.undo };
}

export async function runSetup(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const options = parse(args);
  if (options.undo) {
    const { file, result } = undoClaudeCodeSetup(options.project);
    return `${file}: ${result}.`;
  }
  const client = coreClient(env);
  const statusLine = statusLineCommand(undefined, env);
  const { file, backup } = applyClaudeCodeSetup({ ...options, proxyUrl: client.base, statusLine });
  const lines = [`Claude Code in ${options.project} now goes through ${client.base} on budget '${options.budget}' (${file}).`, `Its status line shows the spend: \`${statusLine}\`.`];
  if (backup) lines.push(`The previous file is kept as ${backup}; \`--undo\` restores it.`);
  try {
    if (!(await client.get(`/api/budgets/${encodeURIComponent(options.budget)}`))) {
      lines.push(`Note: there is no budget named '${options.budget}' yet; create it in the dashboard, or its requests get a 404.`);
    }
  } catch {
    lines.push(`Note: agent-budget is not running at ${client.base}; start it before using Claude Code there.`);
  }
  return lines.join('\n');
}
