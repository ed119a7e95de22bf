/** An embeddable SVG badge: `name | $12.40 / $25.00`, coloured by how much is used. */
import { dollarsToMicros, formatDollars } from '../money.js';
import type { BudgetJson } from './views.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function colour(percent: number | null): string {
  if (percent === null || percent < 50) return '#2e9e5b';
  if (percent < 80) return '#c9a227';
  if (percent < 100) return '#e07b24';
  return '#d0393e';
}

export function renderBadge(budget: BudgetJson): string {
  const label = escape(budget.name);
  const spent = formatDollars(dollarsToMicros(budget.spent_dollars));
  const value = budget.max_dollars === null ? `${spent} (no cap)` : `${spent} / ${formatDollars(dollarsToMicros(budget.max_dollars))}`;
  // About 7px per character at 11px Verdana, as shields-style badges assume.
  const left = 10 + label.length * 7;
  const right = 10 + value.length * 7;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + right}" height="20" role="img" aria-label="${label}: ${value}">
<title>${label}: ${value}</title>
<rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour(budget.percent_used)}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${value}</text></g></svg>`;
}
