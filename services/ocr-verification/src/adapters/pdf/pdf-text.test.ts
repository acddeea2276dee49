import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { isYunxiError } from "@yunxi/platform";
import { fixturePages, imageOf, pageOf } from "../../testing/samples.js";
import { SharpPageDecoder } from "../image/sharp-page-decoder.js";
import { pdfPages } from "./pdf-text.js";

/** A minimal PDF: one page with a text layer (Helvetica), one page that is only a JPEG (a scan). */
function buildPdf(lines: readonly string[], scan: { jpeg: Buffer; width: number; height: number }): Buffer {
  const text = `BT /F1 14 Tf 72 760 Td ${lines.map((l) => `(${l}) Tj 0 -20 Td`).join(" ")} ET`;
  const draw = `q 595 0 0 842 0 0 cm /Im1 Do Q`;
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 7 0 R >> >> /Contents 8 0 R >>",
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${scan.width} /Height ${scan.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${scan.jpeg.length} >>\nstream\n`),
      scan.jpeg,
      Buffer.from("\nendstream"),
    ]),
    `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`,
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from("\nendobj\n")]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

describe("PDF originals", { timeout: 60_000 }, () => {
  it("takes the text layer where a page has one and renders a scanned page for OCR", async () => {
    const photo = await imageOf(pageOf(await fixturePages(), "g03_clauses"), "photo");
    const { width, height } = await sharp(photo).metadata();
    const pdf = buildPdf(["Contract HT-2024-0815-307", "Amount 12,500.00 due within 30 days"], { jpeg: photo, width, height });
    const pages = await pdfPages(pdf);
    assert.equal(pages.length, 2);
    const [first, second] = pages;
    assert.ok(first && "text" in first, "page 1 has a text layer");
    assert.equal(first.text, "Contract HT-2024-0815-307\nAmount 12,500.00 due within 30 days");
    assert.ok(second && "image" in second, "page 2 is a scan");
    const rendered = await new SharpPageDecoder().prepare(second.image);
    // 595 pt at 200 dpi, and the rendered scan still carries the page's text as ink.
    assert.equal(rendered.width, Math.ceil((595 * 200) / 72));
    assert.ok(rendered.inkRatio > 0.01, `ink ${rendered.inkRatio}`);
  });

  it("refuses a file that is not a PDF", async () => {
    await assert.rejects(pdfPages(Buffer.from("%PDF-1.4\nnot really")), (e) => isYunxiError(e, "InvalidArgument"));
  });
});
