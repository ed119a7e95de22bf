/** What the proxy routes need from the running core. */
import type { CoreConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { Store } from '../store/store.js';
import type { Provider } from '../usage.js';
import type { SpendReporter } from '../alerts/spend-reporter.js';
import type { InFlightIds } from './in-flight-ids.js';
import type { Limiter } from './limiter.js';
import type { Upstream } from './upstream.js';

export interface ProxyDeps {
  config: CoreConfig;
  store: Store;
  /** The current price book; replaced whenever the pricing table changes. */
  prices: () => PriceBook;
  upstreams: Record<Provider, Upstream>;
  spend: SpendReporter;
  limiter: Limiter;
  /** Request ids being relayed right now, so the log import leaves them to the proxy. */
  inFlightRequestIds: InFlightIds;
  logger: Logger;
  now: () => number;
}
