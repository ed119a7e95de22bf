/** Asks for the admin token when the core refuses a change with 401; the write is then retried. */
import { useEffect, useRef, useState } from 'react';
import { setTokenPrompt } from '../api/client';
import { Dialog } from './Dialog';

export function TokenDialog() {
  const [resolve, setResolve] = useState<((token: string | null) => void) | null>(null);
  const [value, setValue] = useState('');
  const pending = useRef<Promise<string | null> | null>(null);

  useEffect(() => {
    setTokenPrompt(() => {
      // Several writes refused at once share one dialog.
      pending.current ??= new Promise<string | null>((done) => setResolve(() => done)).finally(() => {
        pending.current = null;
      });
      return pending.current;
    });
  }, []);

  const finish = (token: string | null) => {
    resolve?.(token);
    setResolve(null);
    setValue('');
  };

  return (
    <Dialog title="Enter admin token" open={resolve !== null} onClose={() => finish(null)}>
      <form method="dialog" onSubmit={(event) => { event.preventDefault(); finish(value.trim() || null); }}>
        <p className="muted">Changes need the admin token. <code>agent-budget token</code> prints it; the app's window passes it on its own.</p>
        <label className="field">
          <span>Admin token</span>
          <input type="password" autoComplete="off" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <div className="actions">
          <button type="button" onClick={() => finish(null)}>Cancel</button>
          <button type="submit" className="primary" disabled={!value.trim()}>Save token</button>
        </div>
      </form>
    </Dialog>
  );
}
