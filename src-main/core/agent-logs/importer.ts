/**
 * Imports one agent's logs into the store: each pass finds the files that changed and has their new
 * lines read, parsed, priced and (SQLite) stored off the main thread; with PostgreSQL this side
 * stores the finished batches. One request is counted once (a request the proxy is relaying right
 * now is left to the proxy, whose record, joined by request id, counts it). Cursors are saved only
 * once the rows they cover are committed.
 */
import type { AgentId, AgentLogStatus } from '../../../src-shared/agents.js';
import type { ModelPrice } from '../pricing/types.js';
import type { RequestActivity } from '../request-activity.js';
import type { InFlightIds } from '../proxy/in-flight-ids.js';
import type { ImportOutcome } from '../store/import-sql.js';
import type { Store } from '../store/store.js';
import type { AgentLogAdapter } from './adapter.js';
import { type FileCursor, loadCursors, saveCursors } from './cursors.js';
import { type ImportReport, reportOf } from './import-report.js';
import type { PassItem } from './import-worker-client.js';
import { listLogFiles, type LogFile } from './log-files.js';
import { mergeBatches } from './merge-batches.js';
import { hasNews, type ImportBatch, newBytes } from './read-pass.js';
import { SlicedWriter } from './sliced-writer.js';
import { rowsToStore, WatchingBudgets } from './watched-budgets.js';

/** Runs a pass somewhere (the import's worker threads) and yields its batches or reports. */
export type PassRunner = (agent: AgentId, files: LogFile[], cursors: ReadonlyMap<string, FileCursor>, prices: ModelPrice[]) => AsyncIterable<PassItem>;

export interface ImporterDeps {
  store: Store;
  dataDir: string;
  roots: string[];
  /** Request ids the proxy is relaying right now. */
  inFlight: InFlightIds;
  /** The proxy's requests, which the import's writes give way to. */
  activity: RequestActivity;
  runPass: PassRunner;
  now: () => number;
  onImported: (agent: AgentId, outcome: ImportOutcome) => void;
  /** A pass started reading, or finished (the tray shows progress while it reads). */
  onPassState: (agent: AgentId) => void;
}

/** The status the API shows, with the counts of what a pass found already counted. */
export interface ImportStatus extends AgentLogStatus {
  corrected: number;
  /** Requests already counted by the proxy or by an earlier copy. */
  duplicates: number;
}

/** Rows gathered from the worker's batches before the main thread stores them, while the proxy is quiet. */
const QUIET_ROWS = 2_048;
/** Cursors are written at most this often during a pass (and always at its end). */
const SAVE_EVERY_MS = 1_000;

export class AgentLogImporter {
  private readonly cursors: Map<string, FileCursor>;
  private readonly unpriced = new Set<string>();
  private readonly writer: SlicedWriter;
  private storedRequests: number | null = null;
  private savedAt = 0;
  private readonly watching: WatchingBudgets;
  readonly status: ImportStatus;

  constructor(
    readonly adapter: AgentLogAdapter,
    private readonly deps: ImporterDeps,
  ) {
    this.cursors = loadCursors(deps.dataDir, adapter.agent);
    this.writer = new SlicedWriter(deps.store, deps.activity);
    this.watching = new WatchingBudgets(() => deps.store.budgets.list(deps.now()));
    this.status = {
      agent: adapter.agent, roots: deps.roots, state: 'reading', files: 0, files_read: 0, bytes_total: 0, bytes_read: 0, requests: 0,
      requests_this_pass: 0, malformed_lines: 0, unpriced_models: [], last_import_at: null, last_change_at: null, corrected: 0, duplicates: 0,
    };
  }

  /** Reads what was appended since the last pass and records it. Returns how many requests were new. */
  async scan(): Promise<number> {
    this.watching.forget();
    this.storedRequests ??= await this.deps.store.usage.countBySource(this.adapter.source);
    this.status.requests = this.storedRequests;
    const files = await listLogFiles(this.adapter, this.deps.roots);
    const changed = files.filter((file) => hasNews(this.adapter, file, this.cursors.get(file.path)));
    Object.assign(this.status, {
      state: 'reading', files: files.length, files_read: files.length - changed.length, requests_this_pass: 0, bytes_read: 0,
      bytes_total: changed.reduce((sum, file) => sum + newBytes(this.adapter, file, this.cursors.get(file.path)), 0),
    });
    let inserted = 0;
    if (changed.length > 0) this.deps.onPassState(this.adapter.agent);
    try {
      if (changed.length > 0) {
        const prices = await this.deps.store.pricing.list();
        let pending: ImportBatch[] = [];
        let pendingRows = 0;
        for await (const item of this.deps.runPass(this.adapter.agent, changed, this.cursors, prices)) {
          if (item.kind === 'stored') {
            inserted += this.apply(item.report);
            continue;
          }
          pending.push(item.batch);
          pendingRows += item.batch.rows.length;
          // While the proxy is quiet, batches gather into long transactions; once it has traffic, each is stored at once, in short slices.
          if (pendingRows < QUIET_ROWS && this.writer.quiet()) continue;
          inserted += this.apply(await this.store(mergeBatches(pending)));
          pending = [];
          pendingRows = 0;
        }
        if (pending.length > 0) inserted += this.apply(await this.store(mergeBatches(pending)));
      }
    } finally {
      this.saveCursors(true);
      this.status.state = 'watching';
      this.status.last_import_at = this.deps.now();
      if (changed.length > 0) this.deps.onPassState(this.adapter.agent);
    }
    return inserted;
  }

  /** Stores a batch on this thread (a store without an import connection). */
  private async store(batch: ImportBatch): Promise<ImportReport> {
    const rows = await rowsToStore(batch.rows, this.deps.inFlight, this.watching, this.deps.now());
    return reportOf(batch, await this.writer.write(rows, batch.sessions));
  }

  /** Counts a stored batch in the status and saves its cursors; returns how many requests were new. */
  private apply(report: ImportReport): number {
    const { outcome } = report;
    for (const [path, cursor] of report.cursors) this.cursors.set(path, cursor);
    if (report.cursors.length > 0) this.saveCursors(false);
    for (const model of report.unpriced) this.unpriced.add(model);
    this.storedRequests = (this.storedRequests ?? 0) + outcome.inserted;
    const s = this.status;
    s.files_read += report.filesRead;
    s.bytes_read += report.bytes;
    s.malformed_lines += report.malformed;
    s.requests_this_pass += outcome.inserted;
    s.requests = this.storedRequests;
    s.corrected += outcome.updated;
    s.duplicates += outcome.skipped;
    s.unpriced_models = [...this.unpriced].sort();
    if (outcome.inserted + outcome.updated > 0) {
      s.last_change_at = this.deps.now();
      this.deps.onImported(this.adapter.agent, outcome);
    }
    return outcome.inserted;
  }

  private saveCursors(force: boolean): void {
    if (!force && performance.now() - this.savedAt < SAVE_EVERY_MS) return;
    saveCursors(this.deps.dataDir, this.adapter.agent, this.cursors);
    this.savedAt = performance.now();
  }
}
