import { invalidArgument } from "@yunxi/platform";
import type * as PdfJsModule from "pdfjs-dist/legacy/build/pdf.mjs";
import type { OriginalPageInput } from "../../app/ocr-verification-service.js";

const MAX_PDF_PAGES = 500;
// 200 dpi for scanned pages: the resolution the PP-OCRv4 detector reads clean pages at without loss.
const SCAN_SCALE = 200 / 72;
const MIN_TEXT_LAYER_CHARS = 10;

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | undefined;

/**
 * The pages of a PDF original: the text layer where a page has one (lines rebuilt from the text
 * items' positions), otherwise the page rendered at 200 dpi as a PNG for OCR (a scanned page).
 * pdf.js runs without its worker thread and never fetches anything (fonts or CMaps) from a URL.
 */
export async function pdfPages(bytes: Uint8Array): Promise<OriginalPageInput[]> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const lib = await pdfjs;
  let document: Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
  try {
    document = await lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: true, verbosity: 0 }).promise;
  } catch (error) {
    throw invalidArgument("the PDF could not be read", { cause: error, violations: [{ field: "original", message: "malformed PDF" }] });
  }
  try {
    if (document.numPages > MAX_PDF_PAGES) throw invalidArgument(`the PDF has more than ${MAX_PDF_PAGES} pages`);
    const pages: OriginalPageInput[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const lines: string[] = [];
      let line = "";
      let lastY: number | undefined;
      for (const item of content.items) {
        if (!("str" in item)) continue;
        const y = item.transform[5] as number;
        if (lastY !== undefined && Math.abs(y - lastY) > 2 && line) {
          lines.push(line);
          line = "";
        }
        line += item.str;
        lastY = y;
        if (item.hasEOL) {
          lines.push(line);
          line = "";
          lastY = undefined;
        }
      }
      if (line) lines.push(line);
      const text = lines.map((l) => l.trim()).filter(Boolean).join("\n");
      if ([...text.replace(/\s/g, "")].length >= MIN_TEXT_LAYER_CHARS) {
        pages.push({ text });
      } else {
        pages.push({ image: await renderPage(page) });
      }
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

async function renderPage(page: { getViewport(o: { scale: number }): { width: number; height: number }; render(o: unknown): { promise: Promise<void> } }): Promise<Uint8Array> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const viewport = page.getViewport({ scale: SCAN_SCALE });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, viewport }).promise;
  return canvas.toBuffer("image/png");
}
