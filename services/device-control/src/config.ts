import { z } from "zod";
import { defineConfig } from "@yunxi/platform";

/** DEVICE_CONTROL_* settings. */
export const deviceControlConfig = defineConfig({
  prefix: "DEVICE_CONTROL_",
  secretKeys: ["COMMAND_SIGNING_KEY"],
  schema: z.object({
    /**
     * The platform's Ed25519 command-signing key as PKCS#8 PEM; every replica needs the same one. When
     * unset, one is generated once into the module's data directory (embedded mode).
     */
    COMMAND_SIGNING_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PKCS#8 PEM private key" }).optional(),
    /**
     * MQTT client id of this process's receiving connection (a persistent session); the publishing one adds
     * `-out` (hence at most 60 characters, not the 64 of a platform client id).
     */
    MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default("device-control"),
    /** How long an authorisation issued for an approved application stays valid (default 24 h, at most 7 days). */
    AUTHORISATION_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(24 * 3600),
    /** How long after an authorisation ends a device may still upload its photos (default 7 days). */
    PHOTO_UPLOAD_GRACE_SECONDS: z.coerce.number().int().min(0).max(90 * 24 * 3600).default(7 * 24 * 3600),
    /** How often pending commands past their expiry are marked expired. */
    EXPIRY_SWEEP_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  }),
});

export type DeviceControlConfig = z.infer<typeof deviceControlConfig.schema>;
