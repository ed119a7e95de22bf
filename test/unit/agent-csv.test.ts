/** The agents view's CSV: what a spreadsheet opens, cell for cell, whatever a session's title holds. */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src-main/core/api/agent-csv.js';

interface Row {
  title: string | null;
  cost: number;
  active: boolean;
}

const columns: [string, (row: Row) => string | number | boolean | null][] = [
  ['title', (r) => r.title],
  ['cost_dollars', (r) => r.cost],
  ['active', (r) => r.active],
];

describe('toCsv', () => {
  it('writes a header and one CRLF line per row, in order', () => {
    expect(toCsv(columns, [{ title: 'fix the tests', cost: 1.25, active: true }, { title: null, cost: 0, active: false }])).toBe(
      'title,cost_dollars,active\r\nfix the tests,1.25,true\r\n,0,false\r\n',
    );
    expect(toCsv(columns, [])).toBe('title,cost_dollars,active\r\n');
  });

  it('quotes text with commas, quotes or line breaks, doubling its quotes', () => {
    expect(toCsv(columns, [{ title: 'say "hi", then\r\nleave', cost: 2, active: false }])).toBe('title,cost_dollars,active\r\n"say ""hi"", then\r\nleave",2,false\r\n');
    expect(toCsv(columns, [{ title: 'a\nb', cost: 2, active: false }])).toBe('title,cost_dollars,active\r\n"a\nb",2,false\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula from running, but not numbers', () => {
    const lines = toCsv(columns, ['=SUM(A1)', '+1', '-rm', '@cmd', '=HYPERLINK("x")'].map((title) => ({ title, cost: -0.5, active: true }))).split('\r\n');
    expect(lines.slice(1, 6)).toEqual(["'=SUM(A1),-0.5,true", "'+1,-0.5,true", "'-rm,-0.5,true", "'@cmd,-0.5,true", '"\'=HYPERLINK(""x"")",-0.5,true']);
  });
});
