/** The log files under an agent's roots, with their sizes (a root that does not exist yet has none). */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentLogAdapter } from './adapter.js';

export interface LogFile {
  path: string;
  size: number;
  mtimeMs: number;
}

async function filesUnder(adapter: AgentLogAdapter, root: string): Promise<string[]> {
  try {
    const names = await readdir(root, { recursive: true });
    return names.filter((name) => adapter.isLogFile(name)).map((name) => join(root, name));
  } catch {
    return [];
  }
}

export async function listLogFiles(adapter: AgentLogAdapter, roots: readonly string[]): Promise<LogFile[]> {
  const paths = [...new Set((await Promise.all(roots.map((root) => filesUnder(adapter, root)))).flat())];
  const files = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path).catch(() => null);
      return info?.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : null;
    }),
  );
  return files.filter((file): file is LogFile => file !== null);
}
