/**
 * The tray and app icons committed to the repo, as drawn by the shell's own pixel functions, and a
 * PNG reader to compare them by pixels (zlib's compressed bytes may differ between Node versions).
 */
import { inflateSync } from 'node:zlib';
import { Canvas } from '../../src-main/desktop/tray/canvas.js';
import { encodePng, type RgbaImage } from '../../src-main/desktop/tray/png.js';
import { appIcon, badgeTrayIcon, macTrayIcon, type TrayLevel } from '../../src-main/desktop/tray/tray-icon.js';

const LEVELS: TrayLevel[] = ['normal', 'warning', 'exhausted'];
/** Sample amounts for the Windows/Linux badges, as compactDollars prints $12.40, $21.10, $25.00. */
const SAMPLE: Record<TrayLevel, string> = { normal: '12.4', warning: '21.1', exhausted: '25.0' };

const suffix = (scale: number) => (scale === 1 ? '' : `@${scale}x`);
/** macOS recognises a template image by the `Template` suffix of its file name. */
const macName = (level: TrayLevel) => (level === 'normal' ? 'tray-mac-normalTemplate' : `tray-mac-${level}`);

/** Each state's icons side by side, 4× enlarged on a light background, for the docs. */
function statesPicture(): RgbaImage {
  const rows = [LEVELS.map((level) => macTrayIcon(level, 2)), LEVELS.map((level) => badgeTrayIcon(level, SAMPLE[level], 2))];
  const zoom = 4;
  const cell = 32 * zoom;
  const gap = 16;
  const canvas = new Canvas(LEVELS.length * (cell + gap) + gap, rows.length * (cell + gap) + gap);
  canvas.fillShape(() => true, [238, 238, 238]);
  rows.forEach((row, r) =>
    row.forEach((icon, c) => {
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) {
          const i = (Math.floor(y / zoom) * icon.width + Math.floor(x / zoom)) * 4;
          const rgba = icon.rgba;
          canvas.blend(gap + c * (cell + gap) + x, gap + r * (cell + gap) + y, [rgba[i], rgba[i + 1], rgba[i + 2]], rgba[i + 3] / 255);
        }
      }
    }),
  );
  return canvas;
}

export function expectedIconFiles(): Map<string, RgbaImage> {
  const files = new Map<string, RgbaImage>();
  for (const level of LEVELS) {
    for (const scale of [1, 2]) {
      files.set(`build/icons/${macName(level)}${suffix(scale)}.png`, macTrayIcon(level, scale));
      files.set(`build/icons/tray-badge-${level}${suffix(scale)}.png`, badgeTrayIcon(level, SAMPLE[level], scale));
    }
  }
  files.set('build/icon.png', appIcon(512));
  files.set('docs/tray/tray-states.png', statesPicture());
  return files;
}

export { encodePng };

/** Reads an 8-bit RGBA, non-interlaced PNG whose rows use filter 0, as encodePng writes them. */
export function decodePng(png: Buffer): RgbaImage {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error(`row ${y} uses PNG filter ${raw[y * (stride + 1)]}`);
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, rgba };
}
