/** An embeddable SVG badge: `name | $12.40 / $25.00`, coloured by how much is used. */
import type { Budget } from '../../../src-shared/api.js';
import { dollarsToMicros, formatDollars } from '../money.js';

// Characters XML 1.0 cannot carry at all, even as references (C0 controls, lone surrogates, U+FFFE/F).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as XML character data or an attribute value: markup characters escaped, impossible ones
 * replaced. Tabs and line breaks become references too, or a parser would normalise them to spaces.
 */
export const escapeXml = (text: string): string => text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);

function colour(percent: number | null): string {
  if (percent === null || percent < 50) return '#2e9e5b';
  if (percent < 80) return '#c9a227';
  if (percent < 100) return '#e07b24';
  return '#d0393e';
}

export function renderBadge(budget: Pick<Budget, 'name' | 'spent_dollars' | 'max_dollars' | 'percent_used'>): string {
  const spent = formatDollars(dollarsToMicros(budget.spent_dollars));
  const value = budget.max_dollars === null ? `${spent} (no cap)` : `${spent} / ${formatDollars(dollarsToMicros(budget.max_dollars))}`;
  // About 7px per character at 11px Verdana, as shields-style badges assume (counted before escaping).
  const left = 10 + [...budget.name].length * 7;
  const right = 10 + value.length * 7;
  const [label, amount] = [escapeXml(budget.name), escapeXml(value)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + right}" height="20" role="img" aria-label="${label}: ${amount}">
<title>${label}: ${amount}</title>
<rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour(budget.percent_used)}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="${left / 2}" y="14">${label}</text><text x="${left + right / 2}" y="14">${amount}</text></g></svg>`;
}
