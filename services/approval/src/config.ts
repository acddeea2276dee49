import { z } from "zod";
import { defineConfig } from "@yunxi/platform";

/** APPROVAL_* settings. */
export const approvalConfig = defineConfig({
  prefix: "APPROVAL_",
  schema: z.object({
    /** How often the outbox relay looks for events nobody nudged it about (another replica, a crash). */
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** How long binding a seal waits for device-control to say whether the device may hold it. */
    DEVICE_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  }),
});

export type ApprovalConfig = z.infer<typeof approvalConfig.schema>;
