/**
 * Where a worker thread's script is: beside the module that starts it, or (when that module runs
 * from its TypeScript source, as the tests do) at the same place in the build.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRoot } from './version.js';

/** `from`: the starting module's `import.meta.url`; `name`: the built script's file name. */
export function workerScript(from: string, name: string): URL {
  const beside = new URL(`./${name}`, from);
  if (existsSync(fileURLToPath(beside))) return beside;
  const sourceDir = relative(packageRoot(), dirname(fileURLToPath(from)));
  return pathToFileURL(join(packageRoot(), 'dist', sourceDir, name));
}
