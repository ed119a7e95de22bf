/** Bounded waiting on a condition: no sleeps for timing, a clear failure when it never holds. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, attempts = 2_000): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, i < 50 ? 1 : 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Polls until the probe holds, failing once `deadlineMs` has passed: for "takes effect within a bound". */
export async function waitWithin<T>(deadlineMs: number, probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
