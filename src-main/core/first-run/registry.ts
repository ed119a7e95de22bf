/**
 * The agents the first run knows: each is one entry that detects the agent on this machine and,
 * applies and undoes its setup. Adding an agent is adding its entry here.
 */
import type { AgentId } from '../../../src-shared/agents.js';
import type { FirstRunChange } from '../../../src-shared/first-run.js';
import { claudeCodeEntry } from './claude-code.js';
import { codexEntry } from './codex.js';
import { geminiEntry } from './gemini.js';

export interface MachineContext {
  home: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

export interface SetupContext extends MachineContext {
  budget: string;
  /** The proxy's Anthropic base URL, e.g. http://127.0.0.1:4727/agent-budget. */
  proxyUrl: string;
}

export interface AgentSetup {
  /** What apply would change, in words. */
  plan(machine: MachineContext): string;
  apply(context: SetupContext): FirstRunChange[];
  /** Puts back each file `apply` changed. */
  undo(machine: MachineContext, applied: FirstRunChange[]): { file: string; result: 'restored' | 'removed' | 'nothing to undo' }[];
}

export interface AgentEntry {
  id: AgentId;
  name: string;
  /** The agent's own folder under the home folder, and its command. */
  folder: string;
  command: string;
  setup: AgentSetup;
}

export const AGENT_ENTRIES: readonly AgentEntry[] = [
  claudeCodeEntry,
  codexEntry,
  geminiEntry,
];

export function entryFor(id: string): AgentEntry | undefined {
  return AGENT_ENTRIES.find((entry) => entry.id === id);
}
