import { invalidArgument } from "@yunxi/platform";
import type { OriginalPageInput } from "../../app/ocr-verification-service.js";
import { pdfPages } from "../pdf/pdf-text.js";

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/tiff"]);
const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  ".pdf": "application/pdf",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
  ".txt": "text/plain",
};

/** The content type for a file extension (the CLI's originals); text for anything unknown. */
export function contentTypeOfExtension(extension: string): string {
  return EXTENSION_TYPES[extension.toLowerCase()] ?? "text/plain";
}

// Declared types come from whoever uploaded the file; the leading bytes decide where they are unambiguous.
function sniff(bytes: Uint8Array): "pdf" | "image" | undefined {
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image";
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image";
  if (head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP") return "image";
  if (head.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || head.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))) return "image";
  return undefined;
}

/**
 * Splits an original document into pages: a PDF by its text layer (scanned pages rendered for OCR), an
 * image as one scanned page, UTF-8 text by form feeds. Anything else is InvalidArgument.
 */
export async function documentPages(bytes: Uint8Array, contentType: string): Promise<OriginalPageInput[]> {
  const declared = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const sniffed = sniff(bytes);
  if (sniffed === "pdf") return pdfPages(bytes);
  if (sniffed === "image") return [{ image: bytes }];
  if (declared === "application/pdf" || IMAGE_TYPES.has(declared)) throw invalidArgument(`the document is not the ${declared} it is declared as`);
  if (declared === "text/plain" || declared === "") {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (error) {
      throw invalidArgument("the text document is not UTF-8", { cause: error });
    }
    return text.split("\f").map((page) => ({ text: page }));
  }
  throw invalidArgument(`documents of type ${declared} cannot be compared (PDF, JPEG, PNG, WebP, TIFF or UTF-8 text)`);
}
