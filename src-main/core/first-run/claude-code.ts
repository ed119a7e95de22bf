/**
 * Claude Code in the first run: the user-level `~/.claude/settings.json`, so every project's
 * sessions go through the proxy on the budget (a project's own `.claude/settings.local.json`, which
 * the Setup view writes, still wins for that project). Merged into what is there, with a backup
 * that undo restores exactly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyToSettingsFile } from '../claude-code/settings-file.js';
import { undoSetupFile } from '../setup-backup.js';
import { statusLineCommand } from '../claude-code/statusline-command.js';
import type { AgentEntry, MachineContext } from './registry.js';

const userSettings = (machine: MachineContext) => join(machine.home, '.claude', 'settings.json');

export const claudeCodeEntry: AgentEntry = {
  id: 'claude-code',
  name: 'Claude Code',
  folder: '.claude',
  command: 'claude',
  setup: {
    plan: (machine) =>
      `Adds ANTHROPIC_BASE_URL (the proxy), an X-Budget-Id header and a spend status line to ${userSettings(machine)}, for every project; keeps a copy of the file for undo.`,
    apply(context) {
      const file = userSettings(context);
      const existed = existsSync(file);
      const { backup } = applyToSettingsFile(file, {
        budget: context.budget,
        proxyUrl: context.proxyUrl,
        statusLine: statusLineCommand(undefined, context.env, context.platform),
      });
      return [{ file, action: existed ? 'modified' : 'created', backup }];
    },
    undo: (machine, applied) => applied.map(({ file }) => ({ file, result: undoSetupFile(file) })),
  },
};
