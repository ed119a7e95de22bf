/**
 * The heap of each of the import's worker threads: each holds a chunk or two of a log and a few
 * batches at a time, however large the history.
 */
import type { ResourceLimits } from 'node:worker_threads';

export const IMPORT_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };
