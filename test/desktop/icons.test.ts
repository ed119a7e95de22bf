import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compactDollars, textWidth } from '../../src-main/desktop/tray/font.js';
import { appIcon, badgeTrayIcon, LEVEL_COLOURS, macTrayIcon } from '../../src-main/desktop/tray/tray-icon.js';
import type { RgbaImage } from '../../src-main/desktop/tray/png.js';
import { decodePng, encodePng, expectedIconFiles } from './icon-files.js';

function pixels(image: RgbaImage) {
  const list: { r: number; g: number; b: number; a: number }[] = [];
  for (let i = 0; i < image.rgba.length; i += 4) list.push({ r: image.rgba[i], g: image.rgba[i + 1], b: image.rgba[i + 2], a: image.rgba[i + 3] });
  return list;
}

describe('tray icon pixels', () => {
  it('macOS normal state is a template: only black, with transparency', () => {
    for (const scale of [1, 2]) {
      const icon = macTrayIcon('normal', scale);
      expect(icon.template).toBe(true);
      expect([icon.width, icon.height]).toEqual([16 * scale, 16 * scale]);
      const all = pixels(icon);
      expect(all.every((p) => p.a === 0 || (p.r === 0 && p.g === 0 && p.b === 0))).toBe(true);
      expect(all.some((p) => p.a === 255)).toBe(true);
      expect(all.some((p) => p.a === 0)).toBe(true);
    }
  });

  it('macOS warning and exhausted states are coloured, not templates', () => {
    for (const level of ['warning', 'exhausted'] as const) {
      const icon = macTrayIcon(level, 2);
      expect(icon.template).toBe(false);
      const [r, g, b] = LEVEL_COLOURS[level].fill;
      expect(pixels(icon).filter((p) => p.a === 255 && p.r === r && p.g === g && p.b === b).length).toBeGreaterThan(300);
    }
  });

  it('Windows/Linux badges carry the amount: different amounts draw different pixels in the same colour', () => {
    const a = badgeTrayIcon('normal', '12.4', 1);
    const b = badgeTrayIcon('normal', '12.5', 1);
    expect(a.rgba.equals(b.rgba)).toBe(false);
    const ink = LEVEL_COLOURS.normal.ink;
    const inkCount = (image: RgbaImage) => pixels(image).filter((p) => p.r === ink[0] && p.g === ink[1] && p.b === ink[2] && p.a === 255).length;
    // '$' is 9 pixels; '1' 8, '2' 11, '.' 1, '4' 9 in the 3×5 font.
    expect(inkCount(a)).toBe(9 + 8 + 11 + 1 + 9);
    expect(inkCount(badgeTrayIcon('normal', '12.4', 2))).toBe(4 * inkCount(a));
  });

  it('compact amounts fit in the 16-pixel badge and never round up', () => {
    const cases: [number, string][] = [
      [0, '0.00'],
      [4_999, '0.00'],
      [1_239_999, '1.23'],
      [12_400_000, '12.4'],
      [99_990_000, '99.9'],
      [124_900_000, '124'],
      [1_250_000_000, '1.2k'],
      [12_345_000_000, '12k'],
      [999_999_000_000, '999k'],
      [3_200_000_000_000, '3M'],
    ];
    for (const [micros, text] of cases) {
      expect(compactDollars(micros)).toBe(text);
      expect(textWidth(text)).toBeLessThanOrEqual(15);
    }
  });

  it('the app icon is a 512-pixel disc large enough for every installer', () => {
    const icon = appIcon(512);
    expect([icon.width, icon.height]).toEqual([512, 512]);
    expect(icon.rgba[3]).toBe(0); // transparent corner
    expect(icon.rgba[(256 * 512 + 100) * 4 + 3]).toBe(255);
  });
});

describe('PNG encoding', () => {
  it('writes chunks with valid CRCs whose pixels read back unchanged', () => {
    const icon = badgeTrayIcon('exhausted', '25.0', 2);
    const png = encodePng(icon);
    let offset = 8;
    const types: string[] = [];
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      types.push(png.toString('ascii', offset + 4, offset + 8));
      expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    const back = decodePng(png);
    expect([back.width, back.height]).toEqual([32, 32]);
    expect(back.rgba.equals(icon.rgba)).toBe(true);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, rgba: Buffer.alloc(15) })).toThrow('Expected 16 bytes');
  });
});

describe('committed icons', () => {
  // UPDATE_ICONS=1 npx vitest run test/desktop/icons.test.ts redraws them after a change to the drawing.
  const update = process.env.UPDATE_ICONS === '1';

  it.each([...expectedIconFiles()])('%s is what the shell draws', (path, image) => {
    if (update) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, encodePng(image));
    }
    expect(existsSync(path), `${path} is missing; run with UPDATE_ICONS=1`).toBe(true);
    const committed = decodePng(readFileSync(path));
    expect([committed.width, committed.height]).toEqual([image.width, image.height]);
    expect(committed.rgba.equals(image.rgba), `${path} differs from the drawing; run with UPDATE_ICONS=1`).toBe(true);
  });
});
