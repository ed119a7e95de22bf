/**
 * Who may talk to the core at all. A Host header other than loopback means DNS rebinding (a web
 * page resolving its own name to 127.0.0.1); a browser Origin other than the dashboard's means a
 * web page trying to spend money or change budgets.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from './errors.js';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function ownOrigins(port: number): string[] {
  return LOOPBACK_HOSTS.map((host) => `http://${host}:${port}`);
}

export function checkHost(headers: IncomingHttpHeaders, port: number, allowRemote: boolean): void {
  if (allowRemote) return;
  const host = headers.host ?? '';
  if (!LOOPBACK_HOSTS.some((name) => host === `${name}:${port}`)) {
    throw new AppError('permission_error', `Host '${host}' is not allowed: agent-budget answers only on 127.0.0.1:${port}, localhost:${port} or [::1]:${port}.`);
  }
}

/** Requests without an Origin header (SDKs, curl, the CLI) are not from a browser and pass. */
export function checkOrigin(headers: IncomingHttpHeaders, port: number, extraAllowed: readonly string[]): void {
  const origin = headers.origin;
  if (origin === undefined) return;
  if (ownOrigins(port).includes(origin) || extraAllowed.includes(origin)) return;
  throw new AppError('permission_error', `Requests from the web origin '${origin}' are not allowed.`);
}
