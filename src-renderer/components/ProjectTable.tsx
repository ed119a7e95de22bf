/** Claude Code's spend per project folder; choosing one shows its sessions and days. */
import type { ClaudeCodeProject } from '../../src-shared/api';
import { count, money, tokens, when } from '../format';
import { Empty } from './States';

interface Props {
  projects: ClaudeCodeProject[];
  selected: string | null;
  onSelect: (project: string) => void;
}

export function ProjectTable({ projects, selected, onSelect }: Props) {
  if (projects.length === 0) return <Empty title="No Claude Code projects yet">Sessions appear here once Claude Code has written its logs, or once requests carry a project.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Claude Code spend by project</caption>
        <thead>
          <tr>
            <th scope="col">Project</th><th scope="col">Last activity</th><th scope="col" className="num">Sessions</th>
            <th scope="col" className="num">Requests</th><th scope="col" className="num">Output</th><th scope="col" className="num">API-equivalent cost</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.project} aria-selected={p.project === selected}>
              <td><button type="button" className="link" onClick={() => onSelect(p.project)} aria-pressed={p.project === selected}><code>{p.project}</code></button></td>
              <td>{when(p.last_at)}</td>
              <td className="num">{count(p.sessions)}</td>
              <td className="num">{count(p.requests)}</td>
              <td className="num">{tokens(p.output_tokens)}</td>
              <td className="num">{money(p.cost_dollars)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
