import sharp from "sharp";
import { invalidArgument } from "@yunxi/platform";
import type { PageImageDecoder, PixelBox, PreparedPage } from "../../app/ports.js";

/** Limits on untrusted photos; larger inputs are refused before they are decoded. */
export interface PageDecoderLimits {
  readonly maxBytes: number;
  readonly maxPixels: number;
  /** Photos are scaled down to this long side before OCR; the detector works at 960 anyway. */
  readonly maxLongSide: number;
}

export const DEFAULT_DECODER_LIMITS: PageDecoderLimits = Object.freeze({ maxBytes: 25 * 1024 * 1024, maxPixels: 50_000_000, maxLongSide: 2400 });

const INK_WIDTH = 800;
const INK_BLUR_SIGMA = 15;
const INK_DARKNESS = 0.72;
// Darker than half the paper: desk, or a text stroke. Only wide areas of it are desk.
const DESK_DARKNESS = 0.5;
const DESK_CORE_SIGMA = 6;
const DESK_MARGIN_SIGMA = 8;

/**
 * Decodes JPEG/PNG/WebP/TIFF photos with sharp (libvips) and keeps the red channel: a red seal
 * turns nearly white in it while black text under the seal stays black.
 */
export class SharpPageDecoder implements PageImageDecoder {
  constructor(private readonly limits: PageDecoderLimits = DEFAULT_DECODER_LIMITS) {}

  async prepare(bytes: Uint8Array): Promise<PreparedPage> {
    if (bytes.byteLength === 0) throw invalidArgument("the image is empty", { violations: [{ field: "image", message: "empty" }] });
    if (bytes.byteLength > this.limits.maxBytes) {
      throw invalidArgument(`the image is larger than ${this.limits.maxBytes} bytes`, { violations: [{ field: "image", message: "too large" }] });
    }
    const options = { limitInputPixels: this.limits.maxPixels, failOn: "error" as const };
    let width: number;
    let height: number;
    try {
      const metadata = await sharp(bytes, options).metadata();
      width = metadata.autoOrient?.width ?? metadata.width;
      height = metadata.autoOrient?.height ?? metadata.height;
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels(this.limits.maxPixels, error);
      throw invalidArgument("the image could not be decoded (JPEG, PNG, WebP or TIFF expected)", { cause: error, violations: [{ field: "image", message: "malformed" }] });
    }
    if (width * height > this.limits.maxPixels) throw tooManyPixels(this.limits.maxPixels);
    if (width < 64 || height < 64) throw invalidArgument("the image is smaller than 64×64 pixels", { violations: [{ field: "image", message: "too small" }] });
    try {
      const red = sharp(bytes, options)
        .autoOrient()
        .resize({ width: this.limits.maxLongSide, height: this.limits.maxLongSide, fit: "inside", withoutEnlargement: true })
        .extractChannel("red");
      // No colourspace call here: sharp would apply it before extractChannel and return luminance.
      const { data, info } = await red.raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
      const inkRatio = await measureInk(data, info.width, info.height);
      const sealBoxes = await findSeals(bytes, options, info.width, info.height);
      return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), inkRatio, sealBoxes };
    } catch (error) {
      if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels(this.limits.maxPixels, error);
      throw invalidArgument("the image could not be decoded", { cause: error, violations: [{ field: "image", message: "malformed" }] });
    }
  }
}

function tooManyPixels(maxPixels: number, cause?: unknown) {
  return invalidArgument(`the image has more than ${maxPixels} pixels`, { ...(cause === undefined ? {} : { cause }), violations: [{ field: "image", message: "too many pixels" }] });
}

/**
 * Share of dark pixels relative to the local background (red channel divided by a σ=15 blur), in
 * the central 80 % of a 800 px wide copy: uneven light and paper texture stay near the background.
 * The desk around the sheet and a band along the sheet's edge are left out: large dark areas are
 * found by blurring the dark-pixel mask (thin strokes of text fade, a desk stays dark), then widened.
 */
async function measureInk(red: Buffer, width: number, height: number): Promise<number> {
  return (await inkMask(red, width, height)).ratio;
}

/** The ink mask itself (255 = ink, 128 = left out as desk or sheet edge), for diagnostics. */
export async function inkMask(red: Buffer, width: number, height: number): Promise<{ ratio: number; mask: Buffer; width: number; height: number }> {
  const gray = (data: Buffer, w: number, h: number) => sharp(data, { raw: { width: w, height: h, channels: 1 } });
  const small = await gray(red, width, height).resize({ width: INK_WIDTH }).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  const w = small.info.width;
  const h = small.info.height;
  const pixels = small.data;
  const background = await gray(pixels, w, h).blur(INK_BLUR_SIGMA).toColourspace("b-w").raw().toBuffer();
  const paper = percentile(background, 0.9);
  const dark = Buffer.alloc(w * h);
  for (let i = 0; i < dark.length; i++) dark[i] = (pixels[i] as number) < DESK_DARKNESS * paper ? 255 : 0;
  const deskCore = await gray(dark, w, h).blur(DESK_CORE_SIGMA).toColourspace("b-w").raw().toBuffer();
  for (let i = 0; i < deskCore.length; i++) deskCore[i] = (deskCore[i] as number) > 200 ? 255 : 0;
  const deskZone = await gray(deskCore, w, h).blur(DESK_MARGIN_SIGMA).toColourspace("b-w").raw().toBuffer();
  const x0 = Math.floor(w * 0.1);
  const x1 = Math.ceil(w * 0.9);
  const y0 = Math.floor(h * 0.1);
  const y1 = Math.ceil(h * 0.9);
  const mask = Buffer.alloc(w * h);
  let ink = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * w + x;
      total++;
      if ((deskZone[i] as number) > 4) mask[i] = 128;
      else if ((pixels[i] as number) < INK_DARKNESS * Math.max(background[i] as number, 1)) {
        mask[i] = 255;
        ink++;
      }
    }
  }
  return { ratio: total === 0 ? 0 : ink / total, mask, width: w, height: h };
}

function percentile(values: Uint8Array, q: number): number {
  const counts = new Uint32Array(256);
  for (const v of values) counts[v] = (counts[v] as number) + 1;
  const target = values.length * q;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v] as number;
    if (seen >= target) return v;
  }
  return 255;
}

const SEAL_GRID_WIDTH = 200;
const SEAL_MIN_PIXELS = 12;

/**
 * Red ink regions (seals) as boxes in page pixels: red pixels on a 200 px wide copy, grouped into
 * 8-connected components; specks smaller than 12 pixels are ignored.
 */
async function findSeals(bytes: Uint8Array, options: { limitInputPixels: number; failOn: "error" }, pageWidth: number, pageHeight: number): Promise<PixelBox[]> {
  const { data, info } = await sharp(bytes, options).autoOrient().resize({ width: SEAL_GRID_WIDTH, height: Math.max(1, Math.round((SEAL_GRID_WIDTH * pageHeight) / pageWidth)), fit: "fill" }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const w = info.width;
  const h = info.height;
  const channels = info.channels;
  if (channels < 3) return [];
  const red = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const r = data[i * channels] as number;
    const g = data[i * channels + 1] as number;
    const b = data[i * channels + 2] as number;
    red[i] = r > 110 && r - g > 50 && r - b > 40 ? 1 : 0;
  }
  const boxes: PixelBox[] = [];
  const sx = pageWidth / w;
  const sy = pageHeight / h;
  const stack: number[] = [];
  for (let start = 0; start < red.length; start++) {
    if (red[start] !== 1) continue;
    red[start] = 2;
    stack.push(start);
    let count = 0;
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % w;
      const y = (i - x) / w;
      count++;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const j = ny * w + nx;
          if (red[j] === 1) {
            red[j] = 2;
            stack.push(j);
          }
        }
      }
    }
    if (count < SEAL_MIN_PIXELS) continue;
    // One grid cell of margin: anti-aliased stroke edges are not red enough to be counted.
    boxes.push({ x: Math.max(0, (x0 - 1) * sx), y: Math.max(0, (y0 - 1) * sy), width: (x1 - x0 + 3) * sx, height: (y1 - y0 + 3) * sy });
  }
  return boxes;
}
