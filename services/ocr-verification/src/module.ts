import { fileURLToPath } from "node:url";
import { createTokenVerifier, defineModule, OutboxRelay, schemaNameOf, serviceTokensFor, type Logger } from "@yunxi/platform";
import { SqlOriginalStore, SqlThresholdProfileStore, SqlVerdictStore } from "./adapters/db/sql-verification-store.js";
import { subscribeAutomaticVerification } from "./adapters/events/automatic-verification-consumers.js";
import { makeOcrVerificationGrpc, ocrVerificationServiceDefinition, tokenAuthenticate } from "./adapters/grpc/ocr-verification-grpc.js";
import { DEFAULT_DECODER_LIMITS, SharpPageDecoder } from "./adapters/image/sharp-page-decoder.js";
import { documentPages } from "./adapters/media/document-pages.js";
import { GrpcMediaReader } from "./adapters/media/grpc-media-reader.js";
import { makeAutomaticVerification } from "./app/automatic-verification.js";
import { makeOcrVerificationService } from "./app/ocr-verification-service.js";
import type { OcrEngine, PageImageDecoder } from "./app/ports.js";
import { ocrVerificationConfig, type OcrVerificationConfig } from "./config.js";

/**
 * Opens the configured engine. PaddleOCR runs in worker threads (THREADS cores per page, as many
 * workers as fit in the cores), so OCR never blocks the event loop; the pool also decodes photos
 * (`prepare`, with the image limits given here). If the ONNX runtime cannot load (a platform without
 * its binary), the tesseract fallback takes over and says so: its verdicts all go to manual review.
 */
export async function openOcrEngine(
  config: Pick<OcrVerificationConfig, "ENGINE" | "THREADS" | "MODEL_DIR"> & Partial<Pick<OcrVerificationConfig, "MAX_IMAGE_BYTES" | "MAX_IMAGE_PIXELS">>,
  logger: Logger,
): Promise<OcrEngine & Partial<PageImageDecoder>> {
  // Imported on demand: the ONNX runtime is a large native library other targets of the image never need.
  const { TesseractJsOcrEngine } = await import("./adapters/ocr/tesseract-js-ocr-engine.js");
  if (config.ENGINE === "tesseract") return TesseractJsOcrEngine.open();
  try {
    const { WorkerThreadOcrEngine } = await import("./adapters/ocr/worker-thread-ocr-engine.js");
    const { availableParallelism } = await import("node:os");
    return await WorkerThreadOcrEngine.open({
      engine: { kind: "paddle", options: { threads: config.THREADS, ...(config.MODEL_DIR ? { modelDir: config.MODEL_DIR } : {}) } },
      workers: Math.max(1, Math.floor(availableParallelism() / config.THREADS)),
      decoderLimits: decoderLimitsOf(config),
      logger,
    });
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "paddle engine unavailable, falling back to tesseract (all verdicts go to review)");
    return TesseractJsOcrEngine.open();
  }
}

function decoderLimitsOf(config: Partial<Pick<OcrVerificationConfig, "MAX_IMAGE_BYTES" | "MAX_IMAGE_PIXELS">>) {
  return { ...DEFAULT_DECODER_LIMITS, ...(config.MAX_IMAGE_BYTES ? { maxBytes: config.MAX_IMAGE_BYTES } : {}), ...(config.MAX_IMAGE_PIXELS ? { maxPixels: config.MAX_IMAGE_PIXELS } : {}) };
}

/** OCR of stamped pages against the original documents; blank-page and extra-page detection. */
export const ocrVerificationModule = defineModule({
  name: "ocr-verification",
  description: "OCR of stamped pages against the original documents; blank-page and extra-page detection",
  config: ocrVerificationConfig,
  uses: ["database", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const config = context.config as OcrVerificationConfig;
    const db = await context.infrastructure.database(schemaNameOf(context.name));
    const bus = await context.infrastructure.eventBus();
    const relay = new OutboxRelay({ db, bus, logger: context.logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
    relay.start();
    const engine = await openOcrEngine(config, context.logger);
    context.onStop(async () => {
      await relay.stop();
      await engine.close();
    });
    const stores = { originals: new SqlOriginalStore(db), verdicts: new SqlVerdictStore(db, () => relay.nudge()), profiles: new SqlThresholdProfileStore(db) };
    const service = makeOcrVerificationService({
      // Decoding (sharp plus the ink and seal scans, ≈ 0.1–0.2 s of JavaScript) runs in the OCR pool when there is one, off the event loop.
      decoder: engine.prepare ? (engine as OcrEngine & PageImageDecoder) : new SharpPageDecoder(decoderLimitsOf(config)),
      engine,
      ...stores,
      logger: context.logger,
    });
    // Originals from approval's ApplicationSubmitted, verdicts for media's stored impression photos.
    const tokens = serviceTokensFor(context.platform, context.name);
    const media = new GrpcMediaReader(context.peers.address("media"), () => tokens.token(), config.MEDIA_READ_TIMEOUT_MS);
    const automatic = makeAutomaticVerification({
      service,
      ...stores,
      media,
      splitDocument: documentPages,
      logger: context.logger,
      limits: { maxPhotoBytes: config.MAX_IMAGE_BYTES, maxDocumentBytes: config.MAX_DOCUMENT_BYTES, originalWaitMs: config.ORIGINAL_WAIT_SECONDS * 1000 },
    });
    const consumers = await subscribeAutomaticVerification(bus, automatic, context.logger);
    context.onStop(async () => {
      await consumers.close();
      media.close();
    });
    const { service: definition, packageDefinition } = ocrVerificationServiceDefinition();
    context.grpc.addService(definition, makeOcrVerificationGrpc(service, context.logger, tokenAuthenticate(createTokenVerifier(context.platform))), packageDefinition);
    context.logger.info({ engine: engine.name, reviewOnly: engine.reviewOnly }, "ocr engine ready");
  },
});
