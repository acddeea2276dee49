import { invalidArgument } from "@yunxi/platform";
import type { PreparedPage } from "../../app/ports.js";

/**
 * Checks a prepared page before an engine touches its pixels: the engines index the buffer by
 * width × height without bounds checks of their own, so a page whose buffer does not match its
 * size, or one far larger than a photo, must be refused here with a clear error.
 */
export function checkPreparedPage(page: PreparedPage, maxPixels: number): void {
  const { width, height, pixels } = page;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw invalidArgument(`the page has an invalid size ${String(width)}×${String(height)}`, { violations: [{ field: "image", message: "malformed" }] });
  }
  if (width * height > maxPixels) {
    throw invalidArgument(`the page has more than ${maxPixels} pixels`, { violations: [{ field: "image", message: "too many pixels" }] });
  }
  if (!(pixels instanceof Uint8Array) || pixels.byteLength !== width * height) {
    throw invalidArgument(`the page's pixel buffer does not match its size ${width}×${height} (one channel expected)`, { violations: [{ field: "image", message: "malformed" }] });
  }
}
