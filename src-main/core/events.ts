/**
 * The in-process event bus: the dashboard's SSE stream, the tray and native notifications all
 * listen here. Payloads are the API's own JSON shapes, so listeners need no second format.
 */
import { EventEmitter } from 'node:events';
import type { Alert, Budget } from '../../src-shared/api.js';
import type { AgentId } from '../../src-shared/agents.js';
import type { RefusalReason } from './ledger/types.js';

export type CoreEvent =
  | { type: 'spend'; budget: Budget }
  | { type: 'alert'; alert: Alert }
  | { type: 'blocked'; budget: Budget; message: string; reason: RefusalReason }
  | { type: 'paused'; paused: boolean }
  | { type: 'budgets'; action: 'created' | 'updated' | 'deleted'; id: number }
  | { type: 'pricing' }
  | { type: 'claude-code'; imported: number }
  | { type: 'agent-logs'; agent: AgentId; imported: number };

export type CoreEventListener = (event: CoreEvent) => void;

export class CoreBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit(event: CoreEvent): void {
    this.emitter.emit('event', event);
  }

  /** Returns the function that removes the listener. */
  on(listener: CoreEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
