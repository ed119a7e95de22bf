/**
 * The tray icon's pixels, per platform and level. macOS shows the amount as the tray title, so its
 * image is a symbol: a template (black and transparent, recoloured by the OS for light and dark
 * menu bars) in the normal state, and a coloured disc when a budget needs attention. Windows and
 * Linux trays have no title, so there the amount is drawn into a coloured badge.
 */
import { Canvas, disc, ring, roundedRect, type Rgb } from './canvas.js';
import { BIG_DOLLAR, GLYPH_HEIGHT } from './font.js';
import type { RgbaImage } from './png.js';

export type TrayLevel = 'normal' | 'warning' | 'exhausted';

/** Logical size of a tray icon in points; @2x images are twice as many pixels. */
export const TRAY_POINTS = 16;

export const LEVEL_COLOURS: Record<TrayLevel, { fill: Rgb; ink: Rgb }> = {
  normal: { fill: [46, 125, 50], ink: [255, 255, 255] },
  warning: { fill: [242, 169, 0], ink: [33, 33, 33] },
  exhausted: { fill: [211, 47, 47], ink: [255, 255, 255] },
};

const BLACK: Rgb = [0, 0, 0];

/** The macOS menu-bar symbol; `template` is true when the OS must treat it as a template image. */
export function macTrayIcon(level: TrayLevel, scale: number): RgbaImage & { template: boolean } {
  const canvas = new Canvas(TRAY_POINTS * scale, TRAY_POINTS * scale);
  const centre = (TRAY_POINTS / 2) * scale;
  const template = level === 'normal';
  if (template) canvas.fillShape(ring(centre, centre, 7.5 * scale, 6 * scale), BLACK);
  else canvas.fillShape(disc(centre, centre, 7.5 * scale), LEVEL_COLOURS[level].fill);
  canvas.drawCentred(BIG_DOLLAR, scale, template ? BLACK : LEVEL_COLOURS[level].ink);
  return Object.assign(canvas, { template });
}

/** The Windows/Linux badge: a `$` over the compact amount (see compactDollars), on the level's colour. */
export function badgeTrayIcon(level: TrayLevel, amount: string, scale: number): RgbaImage {
  const canvas = new Canvas(TRAY_POINTS * scale, TRAY_POINTS * scale);
  const { fill, ink } = LEVEL_COLOURS[level];
  canvas.fillShape(roundedRect(canvas.width, canvas.height, 3 * scale), fill);
  canvas.drawText('$', canvas.centredLeft('$', scale), 2 * scale, scale, ink);
  canvas.drawText(amount, canvas.centredLeft(amount, scale), (TRAY_POINTS - 2 - GLYPH_HEIGHT) * scale, scale, ink);
  return canvas;
}

/** The application icon (installers, window, notifications): the same `$` disc, large. */
export function appIcon(size: number): RgbaImage {
  const canvas = new Canvas(size, size);
  const { fill, ink } = LEVEL_COLOURS.normal;
  canvas.fillShape(disc(size / 2, size / 2, size * 0.46), fill);
  canvas.drawCentred(BIG_DOLLAR, Math.floor((size * 0.6) / BIG_DOLLAR.length), ink);
  return canvas;
}
