/**
 * Puts Codex CLI on a budget in one click: the core adds a model provider to Codex's config.toml
 * (comments and everything else kept) that points at this proxy, and can undo it.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMutation } from '../hooks/useMutation';
import { Field } from './Field';

export function CodexSetupForm({ budget }: { budget: string }) {
  const [codexHome, setCodexHome] = useState('');
  const [done, setDone] = useState<string>();
  const setup = useMutation(api.setupCodex);

  const send = async (undo: boolean) => {
    setDone(undefined);
    const home = codexHome.trim() === '' ? {} : { codex_home: codexHome.trim() };
    const result = await setup.run({ ...home, ...(undo ? { undo } : { budget }) });
    if (!result) return;
    const { value } = result;
    setDone('result' in value ? `${value.file}: ${value.result}.` : `Codex now uses budget '${value.budget}' through ${value.base_url} (${value.file}).`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  return (
    <form className="form card" onSubmit={submit} noValidate aria-label="Codex setup">
      <h2>Put Codex CLI on <code>{budget}</code></h2>
      <Field label="Codex folder (optional)" error={setup.fieldErrors.codex_home} hint="Where Codex keeps config.toml: $CODEX_HOME, or ~/.codex when empty.">
        <input value={codexHome} onChange={(e) => setCodexHome(e.target.value)} autoComplete="off" placeholder="~/.codex" />
      </Field>
      <p className="muted">Codex then authenticates with <code>OPENAI_API_KEY</code> from its environment, and a refused request stops it with the budget&apos;s message.</p>
      {setup.error && Object.keys(setup.fieldErrors).length === 0 && <p className="form-error" role="alert">{setup.error}</p>}
      {done && <p role="status">{done}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={setup.busy}>Write config.toml</button>
        <button type="button" disabled={setup.busy} onClick={() => void send(true)}>Undo</button>
      </div>
    </form>
  );
}
