/**
 * The command Claude Code runs for its status line: `agent-budget statusline` when this copy is the
 * `agent-budget` on PATH (installed with `npm i -g`), otherwise this CLI by its absolute path. Under
 * `npx`, whose copy lives in a cache that can be cleared, the command goes through npx again.
 */
import { dirname, join, sep } from 'node:path';
import { commandOnPath, realPath } from '../path-lookup.js';
import { packageRoot } from '../version.js';

/** This package's CLI (what `agent-budget` runs), wherever the package is installed. */
export const cliPath = () => join(packageRoot(), 'dist', 'src-main', 'cli.js');

const quote = (path: string) => (/[\s"]/.test(path) ? `"${path.replace(/"/g, '\\"')}"` : path);

export function statusLineCommand(cli: string = cliPath(), env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const onPath = commandOnPath('agent-budget', env, platform);
  // A global install links bin/agent-budget to this file (POSIX), or puts a .cmd shim beside node_modules (Windows).
  if (onPath && (realPath(onPath) === realPath(cli) || realPath(cli).startsWith(join(dirname(onPath), 'node_modules', 'agent-budget') + sep))) return 'agent-budget statusline';
  if (cli.includes(`${sep}_npx${sep}`)) return 'npx -y agent-budget statusline';
  return `node ${quote(realPath(cli))} statusline`;
}
