/** The tray's image and title for a platform: which drawing, at which scales, template or not. */
import { nativeImage, type NativeImage } from 'electron';
import { compactDollars } from './font.js';
import { encodePng, type RgbaImage } from './png.js';
import { badgeTrayIcon, macTrayIcon } from './tray-icon.js';
import type { TrayState } from './tray-state.js';

export interface TrayPicture {
  /** PNG per scale factor; Electron picks the one matching the display. */
  pngs: { scaleFactor: number; png: Buffer }[];
  template: boolean;
  /** Only macOS shows a title next to the icon; elsewhere the amount is in the picture. */
  title: string | null;
}

const SCALES = [1, 2];

export function trayPicture(state: TrayState, platform: NodeJS.Platform): TrayPicture {
  const draw = (scale: number): RgbaImage =>
    platform === 'darwin' ? macTrayIcon(state.level, scale) : badgeTrayIcon(state.level, compactDollars(state.amountMicros), scale);
  return {
    pngs: SCALES.map((scaleFactor) => ({ scaleFactor, png: encodePng(draw(scaleFactor)) })),
    template: platform === 'darwin' && state.level === 'normal',
    title: platform === 'darwin' ? state.title : null,
  };
}

export function toNativeImage(picture: TrayPicture): NativeImage {
  const [first, ...rest] = picture.pngs;
  const image = nativeImage.createFromBuffer(first.png, { scaleFactor: first.scaleFactor });
  for (const { scaleFactor, png } of rest) image.addRepresentation({ scaleFactor, buffer: png });
  image.setTemplateImage(picture.template);
  return image;
}
