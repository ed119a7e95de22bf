/** The field an AppError thrown by `fn` names first; null when `fn` does not throw. */
import type { AppError } from '../../src-main/core/errors.js';

export function fieldOf(fn: () => unknown): string | null | undefined {
  try {
    fn();
  } catch (error) {
    return (error as AppError).fields[0]?.field;
  }
  return null;
}
