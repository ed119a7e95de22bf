/**
 * Imports Claude Code's transcripts into the store: new lines of every `.jsonl` file under the log
 * roots (subagent files included), one record per request, priced with the same table as the
 * proxy and marked `claude-code-logs`. A request the proxy is relaying right now is left to the
 * proxy, whose record (joined by Anthropic's request id) counts it once.
 */
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { currentPeriodStart } from '../../period.js';
import { costMicros } from '../../pricing/cost.js';
import type { PriceBook } from '../../pricing/price-book.js';
import type { ImportOutcome } from '../../store/import-sql.js';
import type { Store } from '../../store/store.js';
import type { BudgetRow } from '../../store/types.js';
import type { UsageInsert } from '../../store/usage-insert.js';
import { readNewLines } from './file-tail.js';
import { loadOffsets, saveOffsets } from './import-state.js';
import { latestCopies, parseTranscriptLine, type TranscriptEntry } from './transcript-entry.js';

/** Requests per import transaction: small enough that the proxy never waits long for one. */
const BATCH = 500;

export interface ImportStatus {
  roots: string[];
  files: number;
  requests: number;
  corrected: number;
  /** Requests already counted by the proxy or by an earlier copy. */
  duplicates: number;
  malformed_lines: number;
  unpriced_models: string[];
  last_import_at: number | null;
}

export interface ImporterDeps {
  store: Store;
  prices: () => PriceBook;
  dataDir: string;
  roots: string[];
  /** Anthropic request ids the proxy is relaying right now. */
  inFlight: ReadonlySet<string>;
  now: () => number;
  onImported: (outcome: ImportOutcome) => void;
}

async function transcripts(root: string): Promise<string[]> {
  try {
    const names = await readdir(root, { recursive: true });
    return names.filter((name) => name.endsWith('.jsonl')).map((name) => join(root, name));
  } catch {
    return [];
  }
}

/** The watching budget of the deepest watched folder that holds `cwd`. */
function watcherOf(cwd: string | null, watching: BudgetRow[]): BudgetRow | null {
  if (!cwd) return null;
  const holds = (b: BudgetRow) => cwd === b.watch_project || cwd.startsWith(b.watch_project!.endsWith(sep) ? b.watch_project! : b.watch_project! + sep);
  return watching.filter(holds).sort((a, b) => b.watch_project!.length - a.watch_project!.length)[0] ?? null;
}

export class ClaudeLogImporter {
  private readonly offsets: Map<string, number>;
  private readonly unpriced = new Set<string>();
  readonly status: ImportStatus;

  constructor(private readonly deps: ImporterDeps) {
    this.offsets = loadOffsets(deps.dataDir);
    this.status = { roots: deps.roots, files: 0, requests: 0, corrected: 0, duplicates: 0, malformed_lines: 0, unpriced_models: [], last_import_at: null };
  }

  /**
   * Reads what was appended since the last scan and records it, file by file in small batches with a
   * turn of the event loop between them: a first import of months of logs must not stall the proxy.
   * Returns how many requests were new.
   */
  async scan(): Promise<number> {
    const files = (await Promise.all(this.deps.roots.map(transcripts))).flat();
    this.status.files = files.length;
    let inserted = 0;
    for (const file of files) {
      const entries = await this.readFile(file);
      if (!entries) continue;
      const fresh = latestCopies(entries).filter((entry) => !this.deps.inFlight.has(entry.requestKey));
      for (let i = 0; i < fresh.length; i += BATCH) {
        inserted += this.record(await this.deps.store.usage.importSettled(await this.toRows(fresh.slice(i, i + BATCH))));
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Saved once the file's requests are committed; were it lost, re-reading counts nothing twice.
      saveOffsets(this.deps.dataDir, this.offsets);
    }
    this.status.unpriced_models = [...this.unpriced].sort();
    this.status.last_import_at = this.deps.now();
    return inserted;
  }

  /** The new entries of one transcript (null when nothing was appended), its offset moved past them. */
  private async readFile(file: string): Promise<TranscriptEntry[] | null> {
    const from = this.offsets.get(file) ?? 0;
    const read = await readNewLines(file, from).catch(() => null);
    if (!read || read.offset === from) return null;
    const entries: TranscriptEntry[] = [];
    for (const line of read.lines) {
      const parsed = parseTranscriptLine(line);
      if (parsed.kind === 'entry') entries.push(parsed.entry);
      else if (parsed.kind === 'malformed') this.status.malformed_lines++;
    }
    this.offsets.set(file, read.offset);
    return entries;
  }

  private record(outcome: ImportOutcome): number {
    this.status.requests += outcome.inserted;
    this.status.corrected += outcome.updated;
    this.status.duplicates += outcome.skipped;
    if (outcome.inserted + outcome.updated > 0) this.deps.onImported(outcome);
    return outcome.inserted;
  }

  private async toRows(entries: TranscriptEntry[]): Promise<UsageInsert[]> {
    if (entries.length === 0) return [];
    const now = this.deps.now();
    const watching = (await this.deps.store.budgets.list(now)).filter((b) => b.watch_project);
    const prices = this.deps.prices();
    const rows: UsageInsert[] = [];
    for (const entry of entries) {
      const resolved = prices.resolve(entry.model, 'anthropic');
      if (!resolved) {
        this.unpriced.add(entry.model);
        continue;
      }
      const budget = watcherOf(entry.cwd, watching);
      rows.push({
        budget_id: budget?.id ?? null,
        budget_period_start: budget ? currentPeriodStart(budget.period, budget.timezone, now) : null,
        provider: 'anthropic',
        model: entry.model,
        usage: entry.usage,
        cost_micros: costMicros(entry.usage, resolved.price),
        price_inferred: resolved.inferred,
        request_id: entry.requestKey,
        session_id: entry.sessionId,
        project: entry.cwd,
        auth_kind: null,
        source: 'claude-code-logs',
        created_at: entry.time,
      });
    }
    return rows;
  }
}
