import { z } from "zod";
import { defineConfig } from "@yunxi/platform";
import { DEFAULT_CHUNK_BYTES, MAX_CHUNK_BYTES } from "./domain/chunked-aead.js";

const GIB = 1024 ** 3;

/** MEDIA_* settings. */
export const mediaConfig = defineConfig({
  prefix: "MEDIA_",
  schema: z.object({
    /** Bytes one device may store per calendar year (UTC), counted when an upload completes. */
    DEVICE_QUOTA_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(12 * GIB),
    /** Largest single object accepted (the blob store has its own ceiling too). */
    MAX_OBJECT_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(2 * GIB),
    /** Lifetime of a presigned upload URL. */
    UPLOAD_URL_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(900),
    /** How long an upload may stay pending before completion is refused. */
    UPLOAD_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
    /** Plaintext bytes per sealed chunk of the at-rest format. */
    CHUNK_BYTES: z.coerce.number().int().min(1024).max(MAX_CHUNK_BYTES).default(DEFAULT_CHUNK_BYTES),
    /** The key-management key ring (per organisation) that wraps media data keys. */
    KEY_NAME: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/).default("media"),
    /** Deadline of each call to key-management. */
    KEY_MANAGEMENT_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
    /** How often the outbox relay looks for events nobody nudged it about. */
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  }),
});

export type MediaConfig = z.infer<typeof mediaConfig.schema>;
