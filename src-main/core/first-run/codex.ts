/**
 * Codex CLI in the first run: its `config.toml` (`$CODEX_HOME`, else `~/.codex`) gets the agent-budget
 * model provider with the budget in its base URL, as `setup codex` writes it; undo puts back the
 * provider the file had.
 */
import { existsSync } from 'node:fs';
import { codexHome } from '../codex/codex-home.js';
import { applyCodexSetup, codexConfigFile, undoCodexSetup } from '../codex/config-file.js';
import type { AgentEntry, MachineContext } from './registry.js';

const homeOf = (machine: MachineContext) => codexHome({ ...machine.env, HOME: machine.home });

export const codexEntry: AgentEntry = {
  id: 'codex',
  name: 'Codex CLI',
  folder: '.codex',
  command: 'codex',
  setup: {
    plan: (machine) =>
      `Adds an "agent-budget" model provider (the proxy, with the budget in its URL) to ${codexConfigFile(homeOf(machine))} and makes it Codex's model_provider; keeps everything else in the file, and undo puts back the provider it had.`,
    apply(context) {
      const codexDir = homeOf(context);
      const existed = existsSync(codexConfigFile(codexDir));
      const { file } = applyCodexSetup({ codexHome: codexDir, budget: context.budget, proxyUrl: context.proxyUrl });
      return [{ file, action: existed ? 'modified' : 'created', backup: null }];
    },
    undo: (machine) => [undoCodexSetup(homeOf(machine))],
  },
};
