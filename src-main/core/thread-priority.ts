/**
 * Background threads (the import's parse worker, the WAL's checkpoints) give the CPU to the proxy's
 * thread whenever both want it. On Linux a thread gets the SCHED_IDLE policy: any normal thread that wakes preempts it at once (a niced
 * thread may keep the core until the scheduler's next tick, 4 ms here, and that wait lands on an
 * agent's request). Node has no binding for the policy, so util-linux's `chrt` sets it; where it is
 * missing, the thread's nice value is lowered instead. Elsewhere (or when not allowed) the OS's
 * fair share still leaves the proxy a core.
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

const LOWEST_NICE = 19;

export function runThisThreadWhenIdle(): void {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return; // Not Linux.
  }
  if (!Number.isInteger(tid) || tid <= 0) return;
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 2_000 });
  } catch {
    try {
      setPriority(tid, LOWEST_NICE);
    } catch {
      // Not allowed: the fair share it is.
    }
  }
}
