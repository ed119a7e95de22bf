/**
 * Puts a project's Claude Code on a budget in one click: the core writes the project's
 * `.claude/settings.local.json` (merged, with a backup) and can undo it.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMutation } from '../hooks/useMutation';
import { Field } from './Field';

export function ClaudeCodeSetupForm({ budget }: { budget: string }) {
  const [project, setProject] = useState('');
  const [maxOutput, setMaxOutput] = useState('');
  const [done, setDone] = useState<string>();
  const setup = useMutation(api.setupClaudeCode);

  const send = async (undo: boolean) => {
    setDone(undefined);
    const limit = maxOutput.trim() === '' ? null : Number(maxOutput);
    const result = await setup.run({ project: project.trim(), ...(undo ? { undo } : { budget, max_output_tokens: limit }) });
    if (!result) return;
    const { value } = result;
    setDone('result' in value ? `${value.file}: ${value.result}.` : `Claude Code in this project now uses budget '${value.budget}' (${value.file}).`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  return (
    <form className="form card" onSubmit={submit} noValidate aria-label="Claude Code project setup">
      <h2>Put a Claude Code project on <code>{budget}</code></h2>
      <Field label="Project folder" error={setup.fieldErrors.project} hint="The absolute path of the project, e.g. /home/me/src/my-app.">
        <input value={project} onChange={(e) => setProject(e.target.value)} autoComplete="off" placeholder="/home/me/src/my-app" />
      </Field>
      <Field label="Max output tokens per request (optional)" error={setup.fieldErrors.max_output_tokens}
        hint="Sets CLAUDE_CODE_MAX_OUTPUT_TOKENS: a smaller worst case lets more agents share a small budget.">
        <input value={maxOutput} onChange={(e) => setMaxOutput(e.target.value)} inputMode="numeric" placeholder="e.g. 16000" />
      </Field>
      {setup.error && Object.keys(setup.fieldErrors).length === 0 && <p className="form-error" role="alert">{setup.error}</p>}
      {done && <p role="status">{done}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={setup.busy}>Write .claude/settings.local.json</button>
        <button type="button" disabled={setup.busy} onClick={() => void send(true)}>Undo</button>
      </div>
    </form>
  );
}
