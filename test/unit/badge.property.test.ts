/** The budget badge is well-formed SVG for every name and amount, read back by a real XML parser. */
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBadge } from '../../src-main/core/api/badge.js';
import { budgetView } from '../../src-main/core/api/views.js';
import type { BudgetRow } from '../../src-main/core/store/types.js';

const NOW = Date.UTC(2026, 11, 5, 12);
// XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets): anything else makes the document ill-formed.
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const AMOUNT = String.raw`(?:<\$0\.01|\$\d{1,3}(?:,\d{3})*\.\d\d)`;
const VALUE = new RegExp(`^${AMOUNT}(?: \\(no cap\\)| / ${AMOUNT})$`);

function row(name: string, spent: number, max: number | null): BudgetRow {
  return {
    id: 1, name, max_micros: max, period: 'total', timezone: 'UTC', webhook_url: null, clamp_max_tokens: false,
    max_session_micros: null, watch_project: null, period_start: 0, spent_micros: spent, reserved_micros: 0, created_at: NOW,
  };
}

function parse(svg: string) {
  expect(svg).toMatch(XML_CHARS);
  const doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(svg, 'image/svg+xml');
  const texts = Array.from(doc.getElementsByTagName('text')).map((node) => node.textContent);
  return { label: doc.documentElement!.getAttribute('aria-label'), title: doc.getElementsByTagName('title')[0]!.textContent, texts };
}

const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", ';', '#', '$', ' ', 'a', '\u0001', '\uFFFF'), minLength: 1 }),
);
const micros = fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 10 ** 12 }));

describe('budget badge', () => {
  it('renders a spend under one cent ($0.0045) as text an XML parser accepts', () => {
    const { label, texts } = parse(renderBadge(budgetView(row('tiny', 4_500, 25_000_000), NOW)));
    expect(label).toBe('tiny: <$0.01 / $25.00');
    expect(texts).toEqual(['tiny', '<$0.01 / $25.00']);
  });

  it('is well-formed XML for any name and amount, and says what the budget shows', () => {
    fc.assert(
      fc.property(name, micros, fc.option(fc.integer({ min: 1, max: 10 ** 12 })), (budgetName, spent, max) => {
        const { label, title, texts } = parse(renderBadge(budgetView(row(budgetName, spent, max), NOW)));
        const [shownName, value] = texts;
        // The name comes back as given, where XML can carry its characters at all.
        expect(shownName).toBe(budgetName.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD'));
        expect(value).toMatch(VALUE);
        expect(label).toBe(`${shownName}: ${value}`);
        expect(title).toBe(label);
      }),
      { numRuns: 500 },
    );
  });
});
