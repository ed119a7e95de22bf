/**
 * The sandboxed window's only bridge (CommonJS, as sandboxed preloads must be): facts the page may
 * use to fit in, nothing that reaches Node or the main process. The dashboard works without it.
 */
import { contextBridge } from 'electron';

export interface AgentBudgetBridge {
  desktop: true;
  platform: NodeJS.Platform;
}

const bridge: AgentBudgetBridge = { desktop: true, platform: process.platform };

contextBridge.exposeInMainWorld('agentBudget', bridge);
