/** How the agents view names projects and says how long ago something happened. */

/** A project key's short name: its folder's last part, or the budget it stands for. */
export function projectName(key: string): string {
  if (key.startsWith('budget:')) return `budget ${key.slice('budget:'.length)}`;
  if (key === '') return '(no folder)';
  const parts = key.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? key;
}

/** "just now", "2 min ago", "3 h ago", "4 days ago". */
export function ago(time: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** "+12%" / "−8%" against the previous range; null when there was nothing to compare with. */
export function change(ratio: number | null): string | null {
  if (ratio === null) return null;
  const percent = Math.round(ratio * 100);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : '±'}${Math.abs(percent)}%`;
}
