/** The copy-paste configuration for each kind of client, filled in with this core's real URLs. */
import type { Info } from '../src-shared/api';

export interface Snippet {
  title: string;
  code: string;
}

export function setupSnippets(info: Info, budget: string): Snippet[] {
  const base = info.proxy_url;
  const header = `X-Budget-Id: ${budget}`;
  return [
    {
      title: 'Claude Code (shell)',
      code: `export ANTHROPIC_BASE_URL=${base}\nexport ANTHROPIC_CUSTOM_HEADERS='${header}'\nclaude`,
    },
    {
      title: 'Claude Code (.claude/settings.json)',
      code: JSON.stringify({ env: { ANTHROPIC_BASE_URL: base, ANTHROPIC_CUSTOM_HEADERS: header } }, null, 2),
    },
    {
      title: 'Python (anthropic)',
      code: `import anthropic\n\nclient = anthropic.Anthropic(\n    base_url="${base}",\n    default_headers={"X-Budget-Id": "${budget}"},\n)`,
    },
    {
      title: 'TypeScript (@anthropic-ai/sdk)',
      code: `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({\n  baseURL: '${base}',\n  defaultHeaders: { 'X-Budget-Id': '${budget}' },\n});`,
    },
    {
      title: 'OpenAI SDK (Python)',
      code: `from openai import OpenAI\n\nclient = OpenAI(\n    base_url="${info.openai_url}",\n    default_headers={"X-Budget-Id": "${budget}"},\n)`,
    },
    {
      title: 'OpenAI SDK (TypeScript)',
      code: `import OpenAI from 'openai';\n\nconst client = new OpenAI({\n  baseURL: '${info.openai_url}',\n  defaultHeaders: { 'X-Budget-Id': '${budget}' },\n});`,
    },
    {
      title: 'Codex CLI (~/.codex/config.toml)',
      code: [
        'model_provider = "agent-budget"',
        '',
        '[model_providers.agent-budget]',
        `name = "agent-budget (budget ${budget})"`,
        `base_url = "${base}/b/${encodeURIComponent(budget)}/openai/v1"`,
        'env_key = "OPENAI_API_KEY"',
        'wire_api = "responses"',
      ].join('\n'),
    },
    {
      title: 'Gemini CLI (.gemini/.env)',
      code: `GOOGLE_GEMINI_BASE_URL=${base}/b/${encodeURIComponent(budget)}/gemini\n# the CLI signs in with GEMINI_API_KEY (auth type gemini-api-key)`,
    },
    {
      title: 'Google GenAI SDK (Python)',
      code: `from google import genai\nfrom google.genai import types\n\nclient = genai.Client(http_options=types.HttpOptions(\n    base_url="${base}/gemini",\n    headers={"X-Budget-Id": "${budget}"},\n))`,
    },
    {
      title: 'Google GenAI SDK (TypeScript)',
      code: `import { GoogleGenAI } from '@google/genai';\n\nconst ai = new GoogleGenAI({\n  httpOptions: { baseUrl: '${base}/gemini', headers: { 'X-Budget-Id': '${budget}' } },\n});`,
    },
    {
      title: 'curl',
      code: [
        `curl ${base}/v1/messages \\`,
        `  -H "x-api-key: $ANTHROPIC_API_KEY" \\`,
        `  -H "anthropic-version: 2023-06-01" \\`,
        `  -H "content-type: application/json" \\`,
        `  -H "${header}" \\`,
        `  -d '{"model":"claude-sonnet-4-6","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'`,
      ].join('\n'),
    },
    {
      title: 'Tools that only take a base URL',
      code: `${base}/b/${encodeURIComponent(budget)}`,
    },
  ];
}
