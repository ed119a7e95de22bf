/**
 * Whether the proxy is paused, as the store says. In team mode another instance may pause or resume
 * everyone (each instance refreshes its settings every few seconds), so the state is read from the
 * store's settings rather than remembered here, and a `paused` event goes out whenever it is seen to
 * change, wherever the change was made: the tray and the dashboard follow it.
 */
import type { CoreBus } from './events.js';
import type { Store } from './store/store.js';

const WATCH_MS = 1_000;

export interface PausedState {
  isPaused(): boolean;
  setPaused(value: boolean): Promise<void>;
  stop(): void;
}

export function trackPaused(store: Store, bus: CoreBus): PausedState {
  const isPaused = () => store.settings.current().paused;
  let announced = isPaused();
  const announceChange = () => {
    const paused = isPaused();
    if (paused === announced) return;
    announced = paused;
    bus.emit({ type: 'paused', paused });
  };
  const watch = setInterval(announceChange, WATCH_MS);
  watch.unref();
  return {
    isPaused,
    async setPaused(value) {
      await store.settings.update({ paused: value });
      announceChange();
    },
    stop: () => clearInterval(watch),
  };
}
