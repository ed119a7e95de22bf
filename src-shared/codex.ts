/** The Codex setup contract between the dashboard's Setup view and `POST /api/codex/setup`. */

export interface CodexSetupInput {
  /** The budget Codex's requests go to; `default` when absent. */
  budget?: string;
  /** Codex's config folder (absolute); the app's `$CODEX_HOME` or `~/.codex` when absent. */
  codex_home?: string;
  undo?: boolean;
}

export interface CodexSetupResult {
  /** The config.toml written. */
  file: string;
  budget: string;
  /** The OpenAI base URL Codex now uses: `…/agent-budget/b/<budget>/openai/v1`. */
  base_url: string;
}

export interface CodexUndoResult {
  file: string;
  result: 'restored' | 'nothing to undo';
}
