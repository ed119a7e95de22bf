/** `serve`: the core headless, with the dashboard in a browser. Stops cleanly on SIGINT/SIGTERM. */
import { startCore } from '../app.js';
import { loadConfig } from '../config.js';
import { URL_PREFIX } from '../core.js';

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const core = await startCore({ config });
  const base = `${core.origin}${URL_PREFIX}`;
  const tokenSource = config.adminToken ? 'AGENT_BUDGET_ADMIN_TOKEN' : `${config.dataDir}/admin-token`;
  process.stdout.write(
    [
      `agent-budget running (${core.store.kind} store, data in ${config.dataDir})`,
      `  Anthropic base URL:  ${base}`,
      `  OpenAI base URL:     ${base}/openai/v1`,
      `  Dashboard:           ${base}/#token=${core.adminToken}`,
      `  Admin token:         from ${tokenSource}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
