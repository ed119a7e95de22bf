/** The agents view's two filters: which agent, and which range every part of the view shows. */
import { AGENT_LABELS, AGENT_VIEW_IDS, type AgentViewId, RANGE_KEYS, RANGE_NAMES, type RangeKey } from '../../src-shared/agent-views';

function Choice<T extends string>({ label, options, names, value, onChange }: { label: string; options: readonly T[]; names: Record<T, string>; value: T; onChange: (value: T) => void }) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((option) => (
        <button key={option} type="button" aria-pressed={option === value} onClick={() => onChange(option)}>{names[option]}</button>
      ))}
    </div>
  );
}

interface Props {
  agent: AgentViewId;
  range: RangeKey;
  onAgent: (agent: AgentViewId) => void;
  onRange: (range: RangeKey) => void;
}

export function AgentControls({ agent, range, onAgent, onRange }: Props) {
  return (
    <div className="agent-controls">
      <Choice label="Agent" options={AGENT_VIEW_IDS} names={AGENT_LABELS} value={agent} onChange={onAgent} />
      <Choice label="Range" options={RANGE_KEYS} names={RANGE_NAMES} value={range} onChange={onRange} />
    </div>
  );
}
