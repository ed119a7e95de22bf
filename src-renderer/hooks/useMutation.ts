/** A change sent to the core: busy while in flight, the API's own messages kept for the form. */
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';

export interface MutationState {
  busy: boolean;
  /** The message for the whole form (also set when fields are named). */
  error: string | undefined;
  fieldErrors: Record<string, string>;
}

export function useMutation<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [state, setState] = useState<MutationState>({ busy: false, error: undefined, fieldErrors: {} });
  /** Resolves to `{ value }` on success and to null on failure (the failure is in the state). */
  const run = useCallback(async (...args: A): Promise<{ value: R } | null> => {
    setState({ busy: true, error: undefined, fieldErrors: {} });
    try {
      const result = await action(...args);
      setState({ busy: false, error: undefined, fieldErrors: {} });
      return { value: result };
    } catch (failure) {
      const fields = failure instanceof ApiError ? failure.fields : [];
      setState({
        busy: false,
        error: (failure as Error).message,
        fieldErrors: Object.fromEntries(fields.map((f) => [f.field, f.message])),
      });
      return null;
    }
  }, [action]);
  return { ...state, run };
}
