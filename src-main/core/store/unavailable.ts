/** Errors that mean the store cannot record anything right now, as opposed to a bug. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOMEM|CORRUPT|NOTADB)/;
// PostgreSQL: connection failures, and SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention).
const PG_UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|08|53|57)/;

export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|connection timeout/i.test((error as Error)?.message ?? '');
  return SQLITE_UNAVAILABLE.test(code) || PG_UNAVAILABLE.test(code);
}
