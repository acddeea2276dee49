/**
 * Batch checks from the command line (no database, no bus):
 *   npm run ocr -w @yunxi/ocr-verification -- compare --original FILE --photo FILE [--threshold-profile NAME] [--engine paddle|tesseract]
 *   npm run ocr -w @yunxi/ocr-verification -- read --image FILE [--engine paddle|tesseract]
 * `compare` prints one JSON line last: {"verdict","similarity","worstClause","digitMismatches","page","seconds"}.
 * The original may be UTF-8 text (pages separated by form feeds), a PDF with a text layer, or an image.
 */
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createRootLogger, isYunxiError } from "@yunxi/platform";
import { DEFAULT_DECODER_LIMITS, SharpPageDecoder } from "./adapters/image/sharp-page-decoder.js";
import { MemoryOriginalStore, MemoryThresholdProfileStore, MemoryVerdictStore } from "./adapters/memory/memory-stores.js";
import { contentTypeOfExtension, documentPages } from "./adapters/media/document-pages.js";
import { makeOcrVerificationService, type OriginalPageInput } from "./app/ocr-verification-service.js";
import type { PageImageDecoder } from "./app/ports.js";
import { ocrVerificationConfig } from "./config.js";
import { originalFromText } from "./domain/comparison.js";
import { THRESHOLD_PROFILES, thresholdProfile } from "./domain/threshold-profiles.js";
import { openOcrEngine } from "./module.js";

// `npm run -w` runs in the workspace folder; paths on the command line are meant from where npm was started.
const fromCaller = (file: string) => resolve(process.env["INIT_CWD"] ?? process.cwd(), file);

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: ocr compare --original FILE --photo FILE [--threshold-profile ${Object.keys(THRESHOLD_PROFILES).join("|")}] [--engine paddle|tesseract]\n       ocr read --image FILE [--engine paddle|tesseract]\n`);
  process.exit(2);
}

// The same splitting as originals submitted with an application (PDF text layer, scanned image, text).
async function originalPages(file: string): Promise<OriginalPageInput[]> {
  return documentPages(await readFile(fromCaller(file)), contentTypeOfExtension(extname(file)));
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      original: { type: "string" },
      photo: { type: "string" },
      image: { type: "string" },
      "threshold-profile": { type: "string", default: "default" },
      engine: { type: "string", default: "paddle" },
    },
  });
  const command = positionals[0];
  if (command !== "compare" && command !== "read") usage("a command is required: compare or read");
  if (values.engine !== "paddle" && values.engine !== "tesseract") usage("--engine is paddle or tesseract");
  const profile = thresholdProfile(values["threshold-profile"]);
  if (!profile) usage(`unknown threshold profile ${values["threshold-profile"]}`);
  const logger = createRootLogger({ level: "warn" }).child({ service: "ocr-verification" });
  // One engine, two threads: the CLI is for batch checks on a shared machine.
  // The module's defaults: one ONNX thread per worker, one worker per core, decoding in the workers too.
  const engine = await openOcrEngine({ ENGINE: values.engine, THREADS: ocrVerificationConfig.schema.parse({}).THREADS }, logger);
  try {
    const originals = new MemoryOriginalStore();
    const profiles = new MemoryThresholdProfileStore();
    const service = makeOcrVerificationService({ decoder: engine.prepare ? (engine as typeof engine & PageImageDecoder) : new SharpPageDecoder(DEFAULT_DECODER_LIMITS), engine, originals, verdicts: new MemoryVerdictStore(), profiles, logger });
    if (command === "read") {
      if (!values.image) usage("read needs --image FILE");
      const reading = await service.readImage(await readFile(fromCaller(values.image)));
      process.stdout.write(`${reading.text}\n`);
      return;
    }
    if (!values.original || !values.photo) usage("compare needs --original FILE and --photo FILE");
    const caller = { organisationId: "cli", actor: "cli" };
    await profiles.setForOrganisation(caller.organisationId, profile);
    const registered = await service.registerOriginal(caller, { applicationId: "cli", pages: await originalPages(values.original) });
    const original = originalFromText(registered.applicationId, registered.organisationId, registered.pages.map((p) => p.text).join("\f"), profile);
    const run = await service.compare(original, await readFile(fromCaller(values.photo)), profile);
    const o = run.outcome;
    for (const reason of o.reasons) process.stderr.write(`reason: ${reason}\n`);
    process.stdout.write(
      `${JSON.stringify({
        verdict: o.verdict,
        similarity: Number(o.similarity.toFixed(4)),
        worstClause: o.worstClause ? { clause: o.worstClause.clause, errorRate: Number(o.worstClause.errorRate.toFixed(3)), underSeal: o.worstClause.underSeal } : null,
        digitMismatches: o.digitMismatches,
        page: o.page,
        seconds: Number(run.seconds.toFixed(2)),
        engine: run.engine,
        profile: profile.name,
      })}\n`,
    );
  } finally {
    await engine.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ocr: ${isYunxiError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
