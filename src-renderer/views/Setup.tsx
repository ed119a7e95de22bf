/** How to point each client at the proxy, with this machine's real port and a budget picked here. */
import { useState } from 'react';
import { api } from '../api/client';
import type { Budget, Info } from '../../src-shared/api';
import { ClaudeCodeSetupForm } from '../components/ClaudeCodeSetupForm';
import { CodexSetupForm } from '../components/CodexSetupForm';
import { GeminiSetupForm } from '../components/GeminiSetupForm';
import { CopyBlock } from '../components/CopyBlock';
import { Loaded } from '../components/States';
import { useApi } from '../hooks/useApi';
import { setupSnippets } from '../setupSnippets';

export function Setup() {
  const info = useApi(api.info, [], []);
  const budgets = useApi(api.budgets, [], ['budgets']);
  return (
    <>
      <header className="page-head"><h1>Setup</h1></header>
      <Loaded state={info}>{(i) => <Snippets info={i} budgets={budgets.data ?? []} />}</Loaded>
    </>
  );
}

function Snippets({ info, budgets }: { info: Info; budgets: Budget[] }) {
  const [chosen, setChosen] = useState<string>();
  const budget = chosen ?? budgets[0]?.name ?? 'my-agents';
  return (
    <>
      <p className="muted">
        The proxy listens at <code>{info.proxy_url}</code> (port {info.port}, {info.store} store, version {info.version}).
        Requests name their budget in the <code>X-Budget-Id</code> header; requests without one go to <code>default</code>.
      </p>
      {budgets.length > 0 && (
        <label className="inline">Budget
          <select value={budget} onChange={(e) => setChosen(e.target.value)}>
            {budgets.map((b) => <option key={b.id} value={b.name}>{b.name}</option>)}
          </select>
        </label>
      )}
      <div className="setup-forms">
        <ClaudeCodeSetupForm budget={budget} />
        <CodexSetupForm budget={budget} />
        <GeminiSetupForm budget={budget} />
      </div>
      <div className="snippet-grid">
        {setupSnippets(info, budget).map((s) => <CopyBlock key={s.title} title={s.title} code={s.code} />)}
      </div>
    </>
  );
}
