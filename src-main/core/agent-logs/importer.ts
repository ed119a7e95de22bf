/**
 * Imports one agent's logs into the store: each pass finds the files that changed and has their new
 * lines read, parsed and priced off the main thread (the import worker); this side stores the
 * finished batches, one request once (a request the proxy is relaying right now is left to the
 * proxy, whose record, joined by request id, counts it). Cursors are saved only once the rows they
 * cover are committed.
 */
import type { AgentId, AgentLogStatus } from '../../../src-shared/agents.js';
import type { ModelPrice } from '../pricing/types.js';
import type { RequestActivity } from '../request-activity.js';
import type { ImportOutcome } from '../store/import-sql.js';
import type { Store } from '../store/store.js';
import type { BudgetRow } from '../store/types.js';
import type { AgentLogAdapter } from './adapter.js';
import { type FileCursor, loadCursors, saveCursors } from './cursors.js';
import { listLogFiles, type LogFile } from './log-files.js';
import { mergeBatches } from './merge-batches.js';
import { hasNews, type ImportBatch, newBytes } from './read-pass.js';
import { SlicedWriter } from './sliced-writer.js';
import { attributeToBudgets } from './watched-budgets.js';

/** Runs a pass somewhere (the import worker) and yields its batches. */
export type PassRunner = (agent: AgentId, files: LogFile[], cursors: ReadonlyMap<string, FileCursor>, prices: ModelPrice[]) => AsyncIterable<ImportBatch>;

export interface ImporterDeps {
  store: Store;
  dataDir: string;
  roots: string[];
  /** Request ids the proxy is relaying right now. */
  inFlight: ReadonlySet<string>;
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

/** Rows gathered from the worker's batches before they are stored, while the proxy is quiet. */
const QUIET_ROWS = 2_048;
/** Cursors are written at most this often during a pass (and always at its end). */
const SAVE_EVERY_MS = 1_000;

export class AgentLogImporter {
  private readonly cursors: Map<string, FileCursor>;
  private readonly unpriced = new Set<string>();
  private readonly writer: SlicedWriter;
  private storedRequests: number | null = null;
  private savedAt = 0;
  private watching: { at: number; budgets: BudgetRow[] } | null = null;
  readonly status: ImportStatus;

  constructor(
    readonly adapter: AgentLogAdapter,
    private readonly deps: ImporterDeps,
  ) {
    this.cursors = loadCursors(deps.dataDir, adapter.agent);
    this.writer = new SlicedWriter(deps.store, deps.activity);
    this.status = {
      agent: adapter.agent, roots: deps.roots, state: 'reading', files: 0, files_read: 0, bytes_total: 0, bytes_read: 0, requests: 0,
      requests_this_pass: 0, malformed_lines: 0, unpriced_models: [], last_import_at: null, last_change_at: null, corrected: 0, duplicates: 0,
    };
  }

  /** Reads what was appended since the last pass and records it. Returns how many requests were new. */
  async scan(): Promise<number> {
    this.watching = null;
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
        for await (const batch of this.deps.runPass(this.adapter.agent, changed, this.cursors, prices)) {
          pending.push(batch);
          pendingRows += batch.rows.length;
          // While the proxy is quiet, batches gather into long transactions; once it has traffic, each is stored at once, in short slices.
          if (pendingRows < QUIET_ROWS && this.writer.quiet()) continue;
          inserted += await this.record(mergeBatches(pending));
          pending = [];
          pendingRows = 0;
        }
        if (pending.length > 0) inserted += await this.record(mergeBatches(pending));
      }
    } finally {
      this.saveCursors(true);
      this.status.state = 'watching';
      this.status.last_import_at = this.deps.now();
      if (changed.length > 0) this.deps.onPassState(this.adapter.agent);
    }
    return inserted;
  }

  private async record(batch: ImportBatch): Promise<number> {
    const now = this.deps.now();
    const fresh = batch.rows.filter((row) => !this.deps.inFlight.has(row.request_id!));
    const budgets = fresh.some((row) => row.project !== null) ? await this.watchingBudgets(now) : [];
    const outcome = await this.writer.write(attributeToBudgets(fresh, budgets, now), batch.sessions);
    for (const [path, cursor] of batch.cursors) this.cursors.set(path, cursor);
    if (batch.cursors.length > 0) this.saveCursors(false);
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

  /** Budgets that watch a folder: looked up at each pass's start, then at most once a second during it. */
  private async watchingBudgets(now: number): Promise<BudgetRow[]> {
    if (!this.watching || now - this.watching.at > 1_000 || now < this.watching.at) {
      this.watching = { at: now, budgets: (await this.deps.store.budgets.list(now)).filter((b) => b.watch_project) };
    }
    return this.watching.budgets;
  }

  private saveCursors(force: boolean): void {
    if (!force && performance.now() - this.savedAt < SAVE_EVERY_MS) return;
    saveCursors(this.deps.dataDir, this.adapter.agent, this.cursors);
    this.savedAt = performance.now();
  }
}
