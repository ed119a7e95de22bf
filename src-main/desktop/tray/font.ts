/**
 * A 3×5 pixel font, just big enough for a dollar amount inside a 16×16 tray icon: Windows and
 * Linux trays have no text title, so the amount has to be drawn into the image.
 */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '.': ['.', '.', '.', '.', '#'],
  k: ['#..', '#.#', '##.', '#.#', '#.#'],
  M: ['#...#', '##.##', '#.#.#', '#...#', '#...#'],
  $: ['.##', '##.', '.#.', '.##', '##.'],
};

export const GLYPH_HEIGHT = 5;

/** A 5×7 dollar sign for the symbol-only icons (macOS tray, app icon), where there is room for it. */
export const BIG_DOLLAR: readonly string[] = ['..#..', '.####', '#.#..', '.###.', '..#.#', '####.', '..#..'];

export function glyph(char: string): readonly string[] {
  const rows = GLYPHS[char];
  if (!rows) throw new RangeError(`The tray font has no glyph for ${JSON.stringify(char)}`);
  return rows;
}

/** Width in font pixels of a line of text, one blank column between glyphs. */
export function textWidth(text: string): number {
  return [...text].reduce((sum, char, i) => sum + glyph(char)[0].length + (i > 0 ? 1 : 0), 0);
}

/**
 * At most four glyphs (they must fit in 16 pixels): `1.24`, `12.4`, `124`, `1.2k`, `12k`, `3M`.
 * Rounded down, so the icon never shows more than was spent; the tooltip has the exact figure.
 */
export function compactDollars(micros: number): string {
  const dollars = Math.max(0, micros) / 1_000_000;
  const down = (value: number, digits: number) => (Math.floor(value * 10 ** digits) / 10 ** digits).toFixed(digits);
  if (dollars < 10) return down(dollars, 2);
  if (dollars < 100) return down(dollars, 1);
  if (dollars < 1_000) return down(dollars, 0);
  if (dollars < 10_000) return `${down(dollars / 1_000, 1)}k`;
  if (dollars < 1_000_000) return `${down(dollars / 1_000, 0)}k`;
  return `${Math.min(999, Math.floor(dollars / 1_000_000))}M`;
}
