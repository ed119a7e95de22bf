/** Everything the core reads from its environment, parsed once at start-up. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { AgentId } from '../../src-shared/agents.js';
import { agentLogRoots } from './agent-logs/log-roots.js';
import { DEFAULT_PORT } from './core.js';

export interface CoreConfig {
  host: string;
  port: number;
  dataDir: string;
  anthropicUpstream: string;
  openaiUpstream: string;
  geminiUpstream: string;
  /** Seconds an upstream may stay silent before the request fails with 504. */
  upstreamTimeoutS: number;
  maxBodyBytes: number;
  maxConcurrentUpstream: number;
  /** postgres://… switches to the shared team store; null keeps the embedded SQLite file. */
  databaseUrl: string | null;
  leaseS: number;
  adminToken: string | null;
  /** Binding anything but loopback must be asked for explicitly. */
  allowRemote: boolean;
  logLevel: string;
  /** Per agent, the folders of its logs to import; empty when its import is off (see agent-logs/log-roots.ts). */
  agentLogRoots: Record<AgentId, string[]>;
}

/** The OS's per-user application data folder. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'agent-budget');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'agent-budget');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'agent-budget');
}

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  AGENT_BUDGET_DATA_DIR: z.string().optional(),
  ANTHROPIC_UPSTREAM_URL: z.url().default('https://api.anthropic.com'),
  OPENAI_UPSTREAM_URL: z.url().default('https://api.openai.com'),
  GEMINI_UPSTREAM_URL: z.url().default('https://generativelanguage.googleapis.com'),
  AGENT_BUDGET_UPSTREAM_TIMEOUT_S: z.coerce.number().positive().default(600),
  AGENT_BUDGET_MAX_BODY_MB: z.coerce.number().positive().default(32),
  AGENT_BUDGET_MAX_CONCURRENT_UPSTREAM: z.coerce.number().int().positive().default(512),
  AGENT_BUDGET_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  AGENT_BUDGET_LEASE_S: z.coerce.number().positive().default(60),
  AGENT_BUDGET_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  AGENT_BUDGET_ALLOW_REMOTE: flag.default(false),
  LOG_LEVEL: z.string().default('info'),
  // Validated here so a typo is reported with the others; agent-logs/log-roots.ts reads them with the per-agent roots.
  AGENT_BUDGET_AGENT_LOGS: flag.optional(),
  AGENT_BUDGET_CLAUDE_LOGS: flag.optional(),
  AGENT_BUDGET_CODEX_LOGS: flag.optional(),
  AGENT_BUDGET_GEMINI_LOGS: flag.optional(),
});

/** Throws a readable error naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CoreConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: e.AGENT_BUDGET_DATA_DIR ?? defaultDataDir(),
    anthropicUpstream: e.ANTHROPIC_UPSTREAM_URL.replace(/\/+$/, ''),
    openaiUpstream: e.OPENAI_UPSTREAM_URL.replace(/\/+$/, ''),
    geminiUpstream: e.GEMINI_UPSTREAM_URL.replace(/\/+$/, ''),
    upstreamTimeoutS: e.AGENT_BUDGET_UPSTREAM_TIMEOUT_S,
    maxBodyBytes: Math.round(e.AGENT_BUDGET_MAX_BODY_MB * 1024 * 1024),
    maxConcurrentUpstream: e.AGENT_BUDGET_MAX_CONCURRENT_UPSTREAM,
    databaseUrl: e.AGENT_BUDGET_DATABASE_URL ?? null,
    leaseS: e.AGENT_BUDGET_LEASE_S,
    adminToken: e.AGENT_BUDGET_ADMIN_TOKEN ?? null,
    allowRemote: e.AGENT_BUDGET_ALLOW_REMOTE,
    logLevel: e.LOG_LEVEL,
    agentLogRoots: agentLogRoots(env),
  };
}
