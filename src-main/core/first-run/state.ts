/**
 * What the first run has done on this machine, in the data folder (`first-run.json`): when it was
 * finished, and each agent's applied changes until they are undone. Per machine, not per store:
 * agents are set up on this machine even when budgets are shared through PostgreSQL.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AgentId } from '../../../src-shared/agents.js';
import type { FirstRunChange } from '../../../src-shared/first-run.js';

export interface FirstRunRecord {
  completed_at: string | null;
  applied: Partial<Record<AgentId, { budget: string; changes: FirstRunChange[] }>>;
}

const EMPTY: FirstRunRecord = { completed_at: null, applied: {} };

export class FirstRunState {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'first-run.json');
  }

  read(): FirstRunRecord {
    if (!existsSync(this.file)) return EMPTY;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<FirstRunRecord>;
      return { completed_at: typeof parsed.completed_at === 'string' ? parsed.completed_at : null, applied: parsed.applied ?? {} };
    } catch {
      // A damaged record must not hide the dashboard behind the walkthrough again.
      return { completed_at: 'unknown', applied: {} };
    }
  }

  /** The walkthrough is still to be shown (neither finished nor skipped). */
  get pending(): boolean {
    return this.read().completed_at === null;
  }

  /**
   * On each start: the walkthrough is offered only when the data folder was new (`fresh`) the first
   * time this version started; a folder that was in use before needs no first run.
   */
  begin(fresh: boolean, now: number): void {
    if (existsSync(this.file)) return;
    this.update(() => ({ completed_at: fresh ? null : new Date(now).toISOString(), applied: {} }));
  }

  update(change: (record: FirstRunRecord) => FirstRunRecord): FirstRunRecord {
    const next = change(this.read());
    mkdirSync(dirname(this.file), { recursive: true });
    // Written whole, then renamed: a crash leaves the old record or the new one, never half of one.
    writeFileSync(`${this.file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
    renameSync(`${this.file}.tmp`, this.file);
    return next;
  }
}
