/** Starts the built app exactly as `npm run serve` does (`node dist/src-main/cli.js serve`) and waits for its URLs. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/**
 * `prefix` runs the node process under another command, e.g. `['taskset', '-c', '0']`; `dist` is the
 * build to start (another build's `dist` folder, to compare two).
 */
export function startServe({ upstream, env = {}, prefix = [], dataDir = mkdtempSync(join(tmpdir(), 'agent-budget-bench-')), nodeArgs = [], dist = join(ROOT, 'dist') }) {
  const started = process.hrtime.bigint();
  const argv = [...prefix, process.execPath, ...nodeArgs, join(dist, 'src-main', 'cli.js'), 'serve'];
  const child = spawn(argv[0], argv.slice(1), {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', AGENT_BUDGET_DATA_DIR: dataDir, AGENT_BUDGET_ADMIN_TOKEN: ADMIN_TOKEN, ANTHROPIC_UPSTREAM_URL: upstream, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = /Anthropic base URL:\s+(\S+)/.exec(output);
      if (!match) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      const base = match[1];
      resolve({ child, base, dataDir, startupMs: Number(process.hrtime.bigint() - started) / 1e6, api: (method, path, body) => adminApi(base, method, path, body) });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

export async function adminApi(base, method, path, body) {
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid, field = 'VmRSS') {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  } catch {
    return null;
  }
}
