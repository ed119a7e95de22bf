/** The HTTP contract of the Gemini CLI setup (POST /api/gemini/setup). */
export interface GeminiSetupRequest {
  /** Absolute path of the project folder. */
  project: string;
  budget?: string;
  undo?: boolean;
}

export interface GeminiSetupResult {
  /** The `.gemini/.env` file written. */
  file: string;
  /** Where the previous file was kept, on the first setup of a project that had one. */
  backup: string | null;
  budget: string;
  /** GOOGLE_GEMINI_BASE_URL as written: the proxy with the budget in the path. */
  base_url: string;
}

export interface GeminiUndoResult {
  file: string;
  result: 'restored' | 'removed' | 'nothing to undo';
}
