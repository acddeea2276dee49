import sharp from "sharp";
import { invalidArgument } from "@yunxi/platform";
import type { PageImageDecoder, PreparedPage } from "../../app/ports.js";

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

sharp.concurrency(1);
sharp.cache(false);

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
      throw invalidArgument("the image could not be decoded (JPEG, PNG, WebP or TIFF expected)", { cause: error, violations: [{ field: "image", message: "malformed" }] });
    }
    if (width * height > this.limits.maxPixels) {
      throw invalidArgument(`the image has more than ${this.limits.maxPixels} pixels`, { violations: [{ field: "image", message: "too many pixels" }] });
    }
    if (width < 64 || height < 64) throw invalidArgument("the image is smaller than 64×64 pixels", { violations: [{ field: "image", message: "too small" }] });
    try {
      const red = sharp(bytes, options)
        .autoOrient()
        .resize({ width: this.limits.maxLongSide, height: this.limits.maxLongSide, fit: "inside", withoutEnlargement: true })
        .extractChannel("red");
      const { data, info } = await red.toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
      const inkRatio = await measureInk(data, info.width, info.height);
      return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), inkRatio };
    } catch (error) {
      throw invalidArgument("the image could not be decoded", { cause: error, violations: [{ field: "image", message: "malformed" }] });
    }
  }
}

/**
 * Share of dark pixels relative to the local background (red channel divided by a σ=15 blur), in
 * the central 80 % of a 800 px wide copy: uneven light and paper texture stay near the background.
 */
async function measureInk(red: Buffer, width: number, height: number): Promise<number> {
  const raw = { raw: { width, height, channels: 1 as const } };
  const small = await sharp(red, raw).resize({ width: INK_WIDTH }).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  const blurred = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 1 } }).blur(INK_BLUR_SIGMA).toColourspace("b-w").raw().toBuffer();
  const w = small.info.width;
  const h = small.info.height;
  const x0 = Math.floor(w * 0.1);
  const x1 = Math.ceil(w * 0.9);
  const y0 = Math.floor(h * 0.1);
  const y1 = Math.ceil(h * 0.9);
  let ink = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * w + x;
      const background = Math.max(blurred[i] as number, 1);
      if ((small.data[i] as number) < INK_DARKNESS * background) ink++;
      total++;
    }
  }
  return total === 0 ? 0 : ink / total;
}
