import { z } from "zod";
import { defineConfig, TOPIC_PATTERN } from "@yunxi/platform";

/** Topics the ledger records by default: every event that exists so far in the stamping chain. */
/** Every step of the stamping chain that exists so far: who joined, applied, approved, stamped, stored, read. */
export const DEFAULT_LEDGER_TOPICS = [
  "yunxi.key-management.v1.key-operation",
  "yunxi.identity.v1.account-registered",
  "yunxi.organisation.v1.organisation-created",
  "yunxi.organisation.v1.member-joined",
  "yunxi.organisation.v1.member-roles-changed",
  "yunxi.approval.v1.application-submitted",
  "yunxi.approval.v1.application-approved",
  "yunxi.approval.v1.application-rejected",
  "yunxi.approval.v1.application-withdrawn",
  "yunxi.approval.v1.seal-bound",
  "yunxi.approval.v1.seal-unbound",
  "yunxi.device-control.v1.impression-recorded",
  "yunxi.device-control.v1.alarm-raised",
  "yunxi.device-control.v1.device-locked",
  "yunxi.device-control.v1.sequence-gap",
  "yunxi.device-control.v1.alarm-acknowledged",
  "yunxi.media.v1.media-stored",
  "yunxi.media.v1.media-accessed",
  "yunxi.ocr-verification.v1.photo-verified",
  "yunxi.ocr-verification.v1.alarm",
  "yunxi.ocr-verification.v1.verdict-reviewed",
] as const;

/**
 * AUDIT_* settings. TOPICS lists what the ledger records (comma-separated; add a topic here, not in code);
 * SIGNING_KEY is a PKCS#8 PEM Ed25519 key for checkpoints — without it one is generated on first start
 * and kept in the audit schema.
 */
export const auditConfig = defineConfig({
  prefix: "AUDIT_",
  secretKeys: ["SIGNING_KEY"],
  schema: z.object({
    TOPICS: z
      .string()
      .default(DEFAULT_LEDGER_TOPICS.join(","))
      .transform((v) => [...new Set(v.split(",").map((t) => t.trim()).filter((t) => t.length > 0))])
      .pipe(z.array(z.string().regex(TOPIC_PATTERN, "each topic must look like yunxi.<service>.v1.<event>")).min(1, "name at least one topic")),
    CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(100),
    SIGNING_KEY: z
      .string()
      .refine((v) => v.includes("-----BEGIN PRIVATE KEY-----"), "must be a PKCS#8 PEM private key")
      .optional(),
  }),
});

export type AuditConfig = z.infer<typeof auditConfig.schema>;
