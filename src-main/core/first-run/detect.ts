/** Whether an agent is on this machine: its folder in the home folder, or its command on PATH. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commandOnPath } from '../path-lookup.js';
import type { AgentEntry, MachineContext } from './registry.js';

export function detectAgent(entry: Pick<AgentEntry, 'folder' | 'command'>, machine: MachineContext): { found: boolean; evidence: string[] } {
  const evidence: string[] = [];
  const folder = join(machine.home, entry.folder);
  if (existsSync(folder) && statSync(folder).isDirectory()) evidence.push(`${folder} exists`);
  const command = commandOnPath(entry.command, machine.env, machine.platform);
  if (command) evidence.push(`\`${entry.command}\` is on PATH (${command})`);
  return { found: evidence.length > 0, evidence };
}
