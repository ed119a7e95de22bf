/**
 * Lease upkeep for team mode: this instance renews the leases of its own pending reservations
 * (long streams stay alive), and any live instance settles reservations whose lease ran out, so a
 * laptop that died mid-request does not hold a shared budget's money until it comes back.
 */
import type { Logger } from '../../logger.js';
import type { PgLedger } from './ledger.js';

export function startLeaseKeeper(ledger: PgLedger, leaseMs: number, logger: Logger): () => void {
  const renew = setInterval(() => void ledger.renewLeases(Date.now()).catch((error: unknown) => logger.warn({ err: error }, 'could not renew leases')), leaseMs / 3);
  const reap = setInterval(async () => {
    try {
      const settled = await ledger.recover(Date.now());
      if (settled > 0) logger.warn({ settled }, 'settled reservations of an instance whose lease expired, at their worst case');
    } catch (error) {
      logger.warn({ err: error }, 'could not settle expired reservations');
    }
  }, leaseMs / 2);
  renew.unref();
  reap.unref();
  return () => {
    clearInterval(renew);
    clearInterval(reap);
  };
}
