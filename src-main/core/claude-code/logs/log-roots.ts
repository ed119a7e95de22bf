/**
 * Where Claude Code keeps its session transcripts: `projects/` under each folder of
 * CLAUDE_CONFIG_DIR (a comma-separated list) when set, else under `~/.claude` and `~/.config/claude`.
 * A folder that does not exist yet is kept: Claude Code may be installed while the app runs.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function claudeLogRoots(env: NodeJS.ProcessEnv = process.env, home = env.HOME || homedir()): string[] {
  const configDirs = env.CLAUDE_CONFIG_DIR
    ? env.CLAUDE_CONFIG_DIR.split(',').map((dir) => dir.trim()).filter(Boolean)
    : [join(home, '.claude'), join(home, '.config', 'claude')];
  return [...new Set(configDirs.map((dir) => resolve(dir, 'projects')))];
}
