/**
 * The request ids the proxy is relaying right now (see relay.ts): the log import leaves those
 * requests to the proxy, whose record counts them. An observer (the import's store worker, which
 * keeps a copy) hears each change.
 */
export type InFlightObserver = (id: string, inFlight: boolean) => void;

export class InFlightIds {
  private readonly ids = new Set<string>();
  private observer: InFlightObserver | null = null;

  add(id: string): this {
    if (this.ids.has(id)) return this;
    this.ids.add(id);
    this.observer?.(id, true);
    return this;
  }

  delete(id: string): boolean {
    if (!this.ids.delete(id)) return false;
    this.observer?.(id, false);
    return true;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The ids now, for an observer that starts late. */
  snapshot(): string[] {
    return [...this.ids];
  }

  /** One observer at a time (null stops it). */
  observe(observer: InFlightObserver | null): void {
    this.observer = observer;
  }
}
