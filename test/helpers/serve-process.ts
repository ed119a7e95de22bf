/**
 * Runs the built headless app (`node dist/src-main/cli.js serve`) as its own process, as a user runs it,
 * for tests that need to kill it, start a second one, or break its files between runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src-main', 'cli.js');
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface ServeProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts `serve` and resolves once it printed its URLs; rejects with its output if it exits first.
 * `command` runs another copy (e.g. an installed `agent-budget` bin) instead of this checkout's build.
 */
export function startServe(env: Record<string, string>, command: { file: string; args: string[] } = { file: process.execPath, args: [CLI, 'serve'] }): Promise<ServeProcess> {
  const child = spawn(command.file, command.args, {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', AGENT_BUDGET_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // npm's bin on Windows is a .cmd shim, which only a shell runs.
    shell: command.file.endsWith('.cmd'),
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Anthropic base URL:\s+(\S+)/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      const base = match[1];
      resolve({
        child,
        base,
        exited,
        output: () => output,
        async api(method, path, body) {
          const response = await fetch(`${base}/api${path}`, {
            method,
            headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const text = await response.text();
          return { status: response.status, body: text ? JSON.parse(text) : null };
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`serve exited with ${code} before it was ready:\n${output}`)));
  });
}
