import { z } from "zod";
import { defineConfig } from "@yunxi/platform";
import { QKD_LINK_PROFILES } from "./domain/qkd-link-profiles.js";
import { DEFAULT_MAX_OPERATIONS_PER_VERSION } from "./domain/key-ring.js";
import { SUITES } from "./domain/suites.js";

const flag = (fallback: "true" | "false") => z.enum(["true", "false"]).default(fallback).transform((v) => v === "true");
const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/**
 * KEY_MANAGEMENT_* settings. Without KME_URL the module starts the built-in ETSI 014 KME simulator
 * (in-process PKI, one simulated link between SAE_ID and PEER_SAE_ID); with it, the module talks to a
 * real KME over mTLS using the CA/certificate/key files.
 */
export const keyManagementConfig = defineConfig({
  prefix: "KEY_MANAGEMENT_",
  secretKeys: ["STORAGE_KEY"],
  schema: z.object({
    DEFAULT_SUITE: z.enum(SUITES).default("aes-256-gcm"),
    /** Default for organisations without a policy: refuse PQC-only keys when QKD is unavailable. */
    REQUIRE_QKD: flag("false"),
    /** Mix an ML-KEM-768 + X25519 secret into every QKD-derived key (security level qkd+pqc). */
    COMBINE_WITH_PQC: flag("false"),
    MAX_OPERATIONS_PER_VERSION: z.coerce.number().int().min(1).max(DEFAULT_MAX_OPERATIONS_PER_VERSION).default(DEFAULT_MAX_OPERATIONS_PER_VERSION),
    /** Base64 of 32 bytes sealing key material at rest; derived from the platform signing secret when unset. */
    STORAGE_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of exactly 32 bytes")
      .optional(),
    KME_URL: z.url({ protocol: /^https$/ }).optional(),
    KME_ID: z.string().min(1).optional(),
    KME_CA_FILE: z.string().min(1).optional(),
    KME_CERT_FILE: z.string().min(1).optional(),
    KME_KEY_FILE: z.string().min(1).optional(),
    SAE_ID: z.string().min(1).default("yunxi-kms-a"),
    PEER_SAE_ID: z.string().min(1).default("yunxi-kms-b"),
    POOL_LOW_WATERMARK: count(8),
    POOL_HIGH_WATERMARK: z.coerce.number().int().min(1).default(32),
    /** Built-in simulator link: rate profile from published QKD measurements, and pool capacity in keys. */
    SIM_PROFILE: z.enum(Object.keys(QKD_LINK_PROFILES) as [keyof typeof QKD_LINK_PROFILES, ...(keyof typeof QKD_LINK_PROFILES)[]]).default("metro-45km-14.5dB"),
    /** Overrides the profile's rate; 0 never refills (tests, exhaustion drills). */
    SIM_RATE_BITS_PER_SECOND: z.coerce.number().min(0).optional(),
    SIM_CAPACITY_KEYS: z.coerce.number().int().min(1).default(1000),
  }).refine((c) => c.KME_URL === undefined || (c.KME_CA_FILE && c.KME_CERT_FILE && c.KME_KEY_FILE), {
    message: "KME_URL needs KME_CA_FILE, KME_CERT_FILE and KME_KEY_FILE",
    path: ["KME_URL"],
  }).refine((c) => c.POOL_LOW_WATERMARK <= c.POOL_HIGH_WATERMARK, { message: "must not exceed POOL_HIGH_WATERMARK", path: ["POOL_LOW_WATERMARK"] }),
});

export type KeyManagementConfig = z.infer<typeof keyManagementConfig.schema>;
