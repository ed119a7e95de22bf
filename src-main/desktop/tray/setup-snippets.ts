/** The lines a user pastes to route a tool through this proxy, with the real port and a budget. */
import { URL_PREFIX } from '../../core/core.js';

export type SetupTarget = 'claude-code' | 'codex' | 'gemini-cli' | 'python' | 'typescript';

export const SETUP_TARGETS: { target: SetupTarget; label: string }[] = [
  { target: 'claude-code', label: 'Claude Code' },
  { target: 'codex', label: 'Codex CLI' },
  { target: 'gemini-cli', label: 'Gemini CLI' },
  { target: 'python', label: 'Python SDK' },
  { target: 'typescript', label: 'TypeScript SDK' },
];

/** POSIX single quoting: the value can hold any character but a quote needs closing and escaping. */
const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function setupSnippet(target: SetupTarget, origin: string, budget: string): string {
  const baseUrl = `${origin}${URL_PREFIX}`;
  switch (target) {
    case 'claude-code':
      return `ANTHROPIC_BASE_URL=${baseUrl} ANTHROPIC_CUSTOM_HEADERS=${shellQuote(`X-Budget-Id: ${budget}`)} claude`;
    case 'codex': {
      // Codex takes a model provider per run with -c (TOML values); `setup codex` writes the same into config.toml.
      const provider = `{name="agent-budget",base_url=${JSON.stringify(`${baseUrl}/b/${encodeURIComponent(budget)}/openai/v1`)},env_key="OPENAI_API_KEY",wire_api="responses"}`;
      return `codex -c model_provider=agent-budget -c ${shellQuote(`model_providers.agent-budget=${provider}`)}`;
    }
    case 'gemini-cli':
      return `GOOGLE_GEMINI_BASE_URL=${shellQuote(`${baseUrl}/b/${encodeURIComponent(budget)}/gemini`)} gemini`;
    case 'python':
      return [
        'import anthropic',
        '',
        'client = anthropic.Anthropic(',
        `    base_url=${JSON.stringify(baseUrl)},`,
        `    default_headers={"X-Budget-Id": ${JSON.stringify(budget)}},`,
        ')',
      ].join('\n');
    case 'typescript':
      return [
        "import Anthropic from '@anthropic-ai/sdk';",
        '',
        'const client = new Anthropic({',
        `  baseURL: ${JSON.stringify(baseUrl)},`,
        `  defaultHeaders: { 'X-Budget-Id': ${JSON.stringify(budget)} },`,
        '});',
      ].join('\n');
  }
}
