/**
 * The import's worker threads give the CPU to the proxy's thread whenever both want it: on Linux a
 * thread has its own nice value, set through its thread id. Elsewhere (or when not allowed) the OS's
 * fair share still leaves the proxy a core.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

export function lowerThisThreadsPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed.
  }
}
