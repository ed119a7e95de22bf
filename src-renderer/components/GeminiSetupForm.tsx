/**
 * Puts a project's Gemini CLI on a budget in one click: the core writes GOOGLE_GEMINI_BASE_URL,
 * with the budget in the path, into the project's `.gemini/.env` (other lines kept, with a backup)
 * and can undo it.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMutation } from '../hooks/useMutation';
import { Field } from './Field';

export function GeminiSetupForm({ budget }: { budget: string }) {
  const [project, setProject] = useState('');
  const [done, setDone] = useState<string>();
  const setup = useMutation(api.setupGemini);

  const send = async (undo: boolean) => {
    setDone(undefined);
    const result = await setup.run({ project: project.trim(), ...(undo ? { undo } : { budget }) });
    if (!result) return;
    const { value } = result;
    setDone('result' in value ? `${value.file}: ${value.result}.` : `The Gemini CLI in this project now uses budget '${value.budget}' through ${value.base_url} (${value.file}).`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  return (
    <form className="form card" onSubmit={submit} noValidate aria-label="Gemini CLI project setup">
      <h2>Put a Gemini CLI project on <code>{budget}</code></h2>
      <Field label="Project folder" error={setup.fieldErrors.project} hint="The absolute path of the project. The Gemini CLI must sign in with a Gemini API key.">
        <input value={project} onChange={(e) => setProject(e.target.value)} autoComplete="off" placeholder="/home/me/src/my-app" />
      </Field>
      {setup.error && Object.keys(setup.fieldErrors).length === 0 && <p className="form-error" role="alert">{setup.error}</p>}
      {done && <p role="status">{done}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={setup.busy}>Write .gemini/.env</button>
        <button type="button" disabled={setup.busy} onClick={() => void send(true)}>Undo</button>
      </div>
    </form>
  );
}
