/**
 * Core pinning for the benchmark: the proxy gets core 0 to itself, the client and the mock share
 * core 1, so the proxy's work is never hidden by or charged to theirs. Without `taskset` or a
 * second core the benchmark still runs and says it was unpinned.
 */
import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

function hasTaskset() {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const PINNED = availableParallelism() >= 2 && hasTaskset();
export const PROXY_PREFIX = PINNED ? ['taskset', '-c', '0'] : [];
export const CLIENT_PREFIX = PINNED ? ['taskset', '-c', '1'] : [];

export function pinSelfToClientCore() {
  if (PINNED) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
}

/** Runs `node args…` on the client core; resolves with its stdout once it exits 0. */
export function runOnClientCore(args, { input, env } = {}) {
  const argv = [...CLIENT_PREFIX, process.execPath, ...args];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  child.stdin.end(input ?? '');
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`)))));
}

/** Starts the standalone mock on the client core; resolves with its child and port. */
export function startPinnedMock(script) {
  const argv = [...CLIENT_PREFIX, process.execPath, script];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve({ child, port: Number(String(chunk).trim()) }));
    child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
  });
}
