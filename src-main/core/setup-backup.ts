/**
 * The backup every setup command keeps of the file it edits, so that `--undo` restores the user's
 * own file exactly (or removes the file setup created).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** A copy of the file as it was before the first setup. */
const BACKUP_SUFFIX = '.agent-budget-backup';
/** Marks that setup created the file, so undo removes it. */
const CREATED_SUFFIX = '.agent-budget-created';

export type UndoResult = 'restored' | 'removed' | 'nothing to undo';

/** Call before writing: only the first setup backs up, so later runs never overwrite the original with our own edit. */
export function backUpOnce(file: string): string | null {
  if (existsSync(file + BACKUP_SUFFIX) || existsSync(file + CREATED_SUFFIX)) return null;
  if (!existsSync(file)) {
    writeFileSync(file + CREATED_SUFFIX, '');
    return null;
  }
  writeFileSync(file + BACKUP_SUFFIX, readFileSync(file));
  return file + BACKUP_SUFFIX;
}

export function undoSetupFile(file: string): UndoResult {
  if (existsSync(file + BACKUP_SUFFIX)) {
    renameSync(file + BACKUP_SUFFIX, file);
    return 'restored';
  }
  if (existsSync(file + CREATED_SUFFIX)) {
    rmSync(file, { force: true });
    rmSync(file + CREATED_SUFFIX);
    return 'removed';
  }
  return 'nothing to undo';
}
