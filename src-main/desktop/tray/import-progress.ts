/** The tray tooltip's lines about reading the agents' logs: shown while a pass reads, gone once it is done. */
import type { AgentId, AgentLogStatus } from '../../../src-shared/agents.js';

const AGENT_NAMES: Record<AgentId, string> = { 'claude-code': 'Claude Code', codex: 'Codex', gemini: 'Gemini CLI' };

const mb = (bytes: number) => (bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: bytes < 10e6 ? 1 : 0 });

/** `Reading Claude Code logs: 212 of 485 MB (43%), 76,120 requests so far` per agent whose import is reading. */
export function importProgressLines(statuses: readonly AgentLogStatus[]): string[] {
  return statuses
    .filter((s) => s.state === 'reading' && s.bytes_total > 0)
    .map((s) => {
      const percent = Math.floor((100 * s.bytes_read) / s.bytes_total);
      return `Reading ${AGENT_NAMES[s.agent]} logs: ${mb(s.bytes_read)} of ${mb(s.bytes_total)} MB (${percent}%), ${s.requests_this_pass.toLocaleString('en-US')} requests so far`;
    });
}
