/** Consecutive batches of a pass as one: stored in one go while the proxy is quiet (fewer, longer transactions). */
import type { ImportBatch } from './read-pass.js';

export function mergeBatches(batches: readonly ImportBatch[]): ImportBatch {
  if (batches.length === 1) return batches[0];
  const merged: ImportBatch = { rows: [], sessions: [], malformed: 0, bytes: 0, filesRead: 0, cursors: [], unpriced: [] };
  for (const batch of batches) {
    for (const row of batch.rows) merged.rows.push(row);
    // Each batch's session upserts merge into what is stored, so applying them in order is the same as one by one.
    for (const session of batch.sessions) merged.sessions.push(session);
    for (const cursor of batch.cursors) merged.cursors.push(cursor);
    for (const model of batch.unpriced) if (!merged.unpriced.includes(model)) merged.unpriced.push(model);
    merged.malformed += batch.malformed;
    merged.bytes += batch.bytes;
    merged.filesRead += batch.filesRead;
  }
  return merged;
}
