import sharp from 'sharp';

/** The photo rules of 004: 272×354 px, light-blue background, JPEG or PNG. */
export const PHOTO_WIDTH = 272;
export const PHOTO_HEIGHT = 354;
/** A 272×354 ID photo is tens of kilobytes; anything near this is not one. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** Share of the sampled border pixels that must be light blue. */
const BACKGROUND_SHARE = 0.85;

export type PhotoRefusal = 'too_large' | 'empty' | 'not_an_image' | 'wrong_format' | 'truncated' | 'wrong_size' | 'wrong_background';

export type PhotoCheck =
  | { ok: true; format: 'jpeg' | 'png'; width: number; height: number; backgroundShare: number }
  | { ok: false; reason: PhotoRefusal; detail: string };

/** Light blue (淡蓝色): a blue hue, neither grey nor saturated, bright. */
export function isLightBlue(r: number, g: number, b: number): boolean {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max !== b || max < 170) return false;
  const saturation = (max - min) / max;
  if (saturation < 0.1 || saturation > 0.7) return false;
  // Hue when blue is the largest channel: 240 + 60 (r − g) / (max − min).
  const hue = 240 + (60 * (r - g)) / (max - min);
  return hue >= 180 && hue <= 230;
}

/**
 * Checks an upload by its content (never its name or declared type): decoded fully, so a file cut
 * short is refused; the background is measured on the top edge and the upper two thirds of the
 * side edges (the bottom edge is the shoulders).
 */
export async function checkPhoto(bytes: Buffer): Promise<PhotoCheck> {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'The file is empty' };
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, reason: 'too_large', detail: `At most ${PHOTO_MAX_BYTES} bytes` };
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return { ok: false, reason: 'not_an_image', detail: 'The file is not an image' };
  }
  if (meta.format !== 'jpeg' && meta.format !== 'png') return { ok: false, reason: 'wrong_format', detail: `JPEG or PNG only, not ${meta.format ?? 'unknown'}` };
  let pixels: { data: Buffer; info: sharp.OutputInfo };
  try {
    pixels = await sharp(bytes, { failOn: 'truncated' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  } catch {
    return { ok: false, reason: 'truncated', detail: 'The image is damaged or cut short' };
  }
  const { width, height, channels } = pixels.info;
  if (width !== PHOTO_WIDTH || height !== PHOTO_HEIGHT) return { ok: false, reason: 'wrong_size', detail: `${PHOTO_WIDTH}×${PHOTO_HEIGHT} px, not ${width}×${height}` };
  const share = borderShare(pixels.data, width, height, channels);
  if (share < BACKGROUND_SHARE) return { ok: false, reason: 'wrong_background', detail: `A light-blue background; ${Math.round(share * 100)}% of the border is` };
  return { ok: true, format: meta.format, width, height, backgroundShare: share };
}

function borderShare(data: Buffer, width: number, height: number, channels: number): number {
  let blue = 0;
  let total = 0;
  const sample = (x: number, y: number) => {
    const i = (y * width + x) * channels;
    total += 1;
    if (isLightBlue(data[i]!, data[i + 1]!, data[i + 2]!)) blue += 1;
  };
  for (let x = 0; x < width; x++) sample(x, 0);
  for (let y = 1; y < Math.floor((height * 2) / 3); y++) {
    sample(0, y);
    sample(width - 1, y);
  }
  return blue / total;
}
