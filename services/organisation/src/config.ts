import { z } from "zod";
import { defineConfig } from "@yunxi/platform";

/** ORGANISATION_* settings. */
export const organisationConfig = defineConfig({
  prefix: "ORGANISATION_",
  schema: z.object({
    /** How often the outbox relay looks for events nobody nudged it about (another replica, a crash). */
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** How often the alarm delivery worker looks for due deliveries (a recorded alarm nudges it at once). */
    ALARM_DELIVERY_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
    /** Bound of one POST to a receiver (connect, answer and body). */
    ALARM_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Wait before the first retry; each further one doubles, up to ALARM_DELIVERY_MAX_RETRY_DELAY_MS. */
    ALARM_DELIVERY_FIRST_RETRY_DELAY_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
    ALARM_DELIVERY_MAX_RETRY_DELAY_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
    /** A delivery not accepted this long after its alarm was recorded is given up (`failed`). */
    ALARM_DELIVERY_GIVE_UP_AFTER_MS: z.coerce.number().int().min(1000).max(7 * 86_400_000).default(86_400_000),
  }),
});

export type OrganisationConfig = z.infer<typeof organisationConfig.schema>;
