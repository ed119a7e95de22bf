/** Caps requests in flight to the providers, so a runaway swarm cannot exhaust sockets or memory. */
import { AppError } from '../errors.js';

export class Limiter {
  private inFlight = 0;

  constructor(private readonly max: number) {}

  /** Takes a slot or refuses with a retryable error; the returned function gives the slot back once. */
  acquire(): () => void {
    if (this.inFlight >= this.max) {
      throw new AppError('overloaded_error', `agent-budget already has ${this.max} requests in flight to the provider; try again shortly.`);
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
    };
  }

  get active(): number {
    return this.inFlight;
  }
}
