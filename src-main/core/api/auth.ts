/**
 * Admin authorisation. Reading is open to anything that passes the Host check; changing budgets,
 * prices, settings or pausing needs the app's token, so an agent with a shell cannot casually lift
 * its own cap, and a web page (wrong Origin) cannot change anything at all.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { checkOrigin } from '../http-guards.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requireAdminForChanges(token: string, port: () => number): RequestHandler {
  return (req, _res, next) => {
    if (READ_METHODS.has(req.method)) return next();
    checkOrigin(req.headers, port(), []);
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !sameToken(given, token)) {
      throw new AppError('authentication_error', 'Changing agent-budget needs its admin token (Authorization: Bearer …).');
    }
    next();
  };
}
