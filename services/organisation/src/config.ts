import { z } from "zod";
import { defineConfig } from "@yunxi/platform";

/** ORGANISATION_* settings. */
export const organisationConfig = defineConfig({
  prefix: "ORGANISATION_",
  schema: z.object({
    /** How often the outbox relay looks for events nobody nudged it about (another replica, a crash). */
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  }),
});

export type OrganisationConfig = z.infer<typeof organisationConfig.schema>;
