/** An RGBA pixel buffer with the three operations the tray icons need: anti-aliased shapes, pixel text. */
import { glyph, textWidth } from './font.js';
import type { RgbaImage } from './png.js';

export type Rgb = readonly [number, number, number];

/** Samples per pixel side when filling a shape: edges get 16 levels of coverage. */
const SUPERSAMPLE = 4;

export class Canvas implements RgbaImage {
  readonly rgba: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgba = Buffer.alloc(width * height * 4);
  }

  /** Source-over compositing with straight alpha. */
  blend(x: number, y: number, [r, g, b]: Rgb, alpha: number): void {
    if (alpha <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 4;
    const below = this.rgba[i + 3] / 255;
    const out = alpha + below * (1 - alpha);
    const mix = (src: number, dst: number) => Math.round((src * alpha + dst * below * (1 - alpha)) / out);
    this.rgba[i] = mix(r, this.rgba[i]);
    this.rgba[i + 1] = mix(g, this.rgba[i + 1]);
    this.rgba[i + 2] = mix(b, this.rgba[i + 2]);
    this.rgba[i + 3] = Math.round(out * 255);
  }

  /** Fills every pixel by the share of its sample points for which `inside(x, y)` holds. */
  fillShape(inside: (x: number, y: number) => boolean, colour: Rgb): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        let hits = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy++) {
          for (let sx = 0; sx < SUPERSAMPLE; sx++) {
            if (inside(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE)) hits++;
          }
        }
        this.blend(x, y, colour, hits / SUPERSAMPLE ** 2);
      }
    }
  }

  /** Draws text in the pixel font, each font pixel `scale` × `scale` device pixels, from (left, top). */
  drawText(text: string, left: number, top: number, scale: number, colour: Rgb): void {
    let x = left;
    for (const char of text) {
      const rows = glyph(char);
      this.drawBitmap(rows, x, top, scale, colour);
      x += (rows[0].length + 1) * scale;
    }
  }

  /** Paints the `#` cells of a bitmap, each `scale` × `scale` device pixels. */
  drawBitmap(rows: readonly string[], left: number, top: number, scale: number, colour: Rgb): void {
    rows.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) if (row[x] === '#') this.fillRect(left + x * scale, top + y * scale, scale, scale, colour);
    });
  }

  /** Draws a bitmap centred on the canvas. */
  drawCentred(rows: readonly string[], scale: number, colour: Rgb): void {
    const left = Math.floor((this.width - rows[0].length * scale) / 2);
    this.drawBitmap(rows, left, Math.floor((this.height - rows.length * scale) / 2), scale, colour);
  }

  /** Left edge that centres `text` drawn at `scale` within [0, width). */
  centredLeft(text: string, scale: number): number {
    return Math.floor((this.width - textWidth(text) * scale) / 2);
  }

  private fillRect(left: number, top: number, width: number, height: number, colour: Rgb): void {
    for (let y = top; y < top + height; y++) for (let x = left; x < left + width; x++) this.blend(x, y, colour, 1);
  }
}

export function disc(cx: number, cy: number, radius: number): (x: number, y: number) => boolean {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

export function ring(cx: number, cy: number, outer: number, inner: number): (x: number, y: number) => boolean {
  const inOuter = disc(cx, cy, outer);
  const inInner = disc(cx, cy, inner);
  return (x, y) => inOuter(x, y) && !inInner(x, y);
}

export function roundedRect(width: number, height: number, radius: number): (x: number, y: number) => boolean {
  return (x, y) => {
    const dx = Math.max(radius - x, 0, x - (width - radius));
    const dy = Math.max(radius - y, 0, y - (height - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
}
