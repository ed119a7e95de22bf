/** Types of history.mjs, for the tests that import it. */
export interface WrittenHistory {
  dir: string;
  files: number;
  bytes: number;
  requests: number;
}

export function writeHistory(dir: string, options?: { copies?: number; seed?: number; end?: number }): WrittenHistory;
