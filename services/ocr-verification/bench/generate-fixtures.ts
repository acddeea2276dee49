/**
 * Writes the small committed test fixtures (test-fixtures/): two camera-like photos of generated
 * documents (a ruled table in a serif font, clauses in a brush font), a photo of a page with only a
 * seal on it, and their texts. Deterministic: the same files come out on every run.
 *   npm run fixtures -w @yunxi/ocr-verification
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { blankPage, makeDocument, pageSvg, photograph, PHOTO, renderPage, sealSvg } from "./fixture-pages.js";

export const FIXTURE_SEED = 7;
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "test-fixtures");

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const pages: Record<string, unknown>[] = [];
  for (const index of [0, 2]) {
    const doc = makeDocument(FIXTURE_SEED, index);
    const { svg, lines, sealAt } = pageSvg(doc);
    const png = await renderPage(svg, sealSvg("杭州云栖数字科技有限公司", sealAt, index));
    const photo = await photograph(png, index, PHOTO);
    const file = `${doc.id}_photo.jpg`;
    await writeFile(join(out, file), photo);
    pages.push({ id: doc.id, font: doc.font, image: file, lines, text: lines.join("\n"), original: doc.original, tamperedClause: doc.tamperedClause, tamperedNumber: doc.tamperedNumber, blank: false });
  }
  const seal = await photograph(await blankPage("seal", 3), 3, PHOTO);
  await writeFile(join(out, "seal_only_photo.jpg"), seal);
  pages.push({ id: "seal_only", image: "seal_only_photo.jpg", lines: [], text: "", blank: true });
  await writeFile(join(out, "fixtures.json"), `${JSON.stringify({ seed: FIXTURE_SEED, generator: "bench/fixture-pages.ts", pages }, null, 1)}\n`);
  console.log(`wrote ${pages.length} pages to ${out}`);
}

await main();
