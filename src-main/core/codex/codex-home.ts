/** Where Codex keeps its config and logs: `$CODEX_HOME`, else `~/.codex`. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function codexHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.CODEX_HOME ? resolve(env.CODEX_HOME) : join(env.HOME || homedir(), '.codex');
}
