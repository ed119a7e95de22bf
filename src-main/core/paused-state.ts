/**
 * Whether the proxy is paused, as the store says. In team mode another instance may pause or resume
 * everyone (the shared-state loop re-reads the settings), so the state is read from the store's
 * settings rather than remembered here, and a `paused` event goes out whenever it is seen to change,
 * wherever the change was made: the tray and the dashboard follow it.
 */
import type { CoreBus } from './events.js';
import type { Store } from './store/store.js';

export interface PausedState {
  isPaused(): boolean;
  setPaused(value: boolean): Promise<void>;
  /** Announces a change the settings have taken since the last look (made here or elsewhere). */
  announceChange(): void;
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
  return {
    isPaused,
    async setPaused(value) {
      await store.settings.update({ paused: value });
      announceChange();
    },
    announceChange,
  };
}
