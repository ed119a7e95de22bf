/**
 * Imports one agent's logs into the store: each pass finds the files that changed, has their new
 * lines read and priced (see read-pass.ts), and records the finished batches, one request once: a
 * request the proxy is relaying right now is left to the proxy, whose record (joined by request id)
 * counts it. Cursors are saved only once the rows they cover are committed.
 */
import type { AgentId, AgentLogStatus } from '../../../src-shared/agents.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { ImportOutcome } from '../store/import-sql.js';
import type { Store } from '../store/store.js';
import type { AgentLogAdapter } from './adapter.js';
import { loadCursors, saveCursors } from './cursors.js';
import { listLogFiles } from './log-files.js';
import { hasNews, type ImportBatch, newBytes, readPass } from './read-pass.js';
import type { FileCursor } from './read-log-file.js';
import { attributeToBudgets } from './watched-budgets.js';

export interface ImporterDeps {
  store: Store;
  prices: () => PriceBook;
  dataDir: string;
  roots: string[];
  /** Request ids the proxy is relaying right now. */
  inFlight: ReadonlySet<string>;
  now: () => number;
  onImported: (agent: AgentId, outcome: ImportOutcome) => void;
}

/** The status the API shows, with the counts of what a pass found already counted. */
export interface ImportStatus extends AgentLogStatus {
  corrected: number;
  /** Requests already counted by the proxy or by an earlier copy. */
  duplicates: number;
}

export class AgentLogImporter {
  private readonly cursors: Map<string, FileCursor>;
  private readonly unpriced = new Set<string>();
  private storedRequests: number | null = null;
  readonly status: ImportStatus;

  constructor(
    readonly adapter: AgentLogAdapter,
    private readonly deps: ImporterDeps,
  ) {
    this.cursors = loadCursors(deps.dataDir, adapter.agent);
    this.status = {
      agent: adapter.agent, roots: deps.roots, state: 'reading', files: 0, files_read: 0, bytes_total: 0, bytes_read: 0, requests: 0,
      requests_this_pass: 0, malformed_lines: 0, unpriced_models: [], last_import_at: null, last_change_at: null, corrected: 0, duplicates: 0,
    };
  }

  /** Reads what was appended since the last pass and records it. Returns how many requests were new. */
  async scan(): Promise<number> {
    this.storedRequests ??= await this.deps.store.usage.countBySource(this.adapter.source);
    const files = await listLogFiles(this.adapter, this.deps.roots);
    const changed = files.filter((file) => hasNews(this.adapter, file, this.cursors.get(file.path)));
    Object.assign(this.status, {
      state: 'reading', files: files.length, files_read: files.length - changed.length, requests_this_pass: 0, bytes_read: 0,
      bytes_total: changed.reduce((sum, file) => sum + newBytes(this.adapter, file, this.cursors.get(file.path)), 0),
    });
    let inserted = 0;
    try {
      for await (const batch of readPass(this.adapter, changed, this.cursors, this.deps.prices())) inserted += await this.record(batch);
    } finally {
      this.status.state = 'watching';
      this.status.last_import_at = this.deps.now();
    }
    return inserted;
  }

  private async record(batch: ImportBatch): Promise<number> {
    const now = this.deps.now();
    const fresh = batch.rows.filter((row) => !this.deps.inFlight.has(row.request_id!));
    const rows = attributeToBudgets(fresh, fresh.length === 0 ? [] : await this.deps.store.budgets.list(now), now);
    const outcome = await this.deps.store.usage.importSettled(rows);
    for (const [path, cursor] of batch.cursors) this.cursors.set(path, cursor);
    if (batch.cursors.length > 0) saveCursors(this.deps.dataDir, this.adapter.agent, this.cursors);
    for (const model of batch.unpriced) this.unpriced.add(model);
    this.storedRequests = (this.storedRequests ?? 0) + outcome.inserted;
    const s = this.status;
    s.files_read += batch.filesRead;
    s.bytes_read += batch.bytes;
    s.malformed_lines += batch.malformed;
    s.requests_this_pass += outcome.inserted;
    s.requests = this.storedRequests;
    s.corrected += outcome.updated;
    s.duplicates += outcome.skipped;
    s.unpriced_models = [...this.unpriced].sort();
    if (outcome.inserted + outcome.updated > 0) {
      s.last_change_at = now;
      this.deps.onImported(this.adapter.agent, outcome);
    }
    return outcome.inserted;
  }
}
