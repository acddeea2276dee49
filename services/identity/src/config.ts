import { z } from "zod";
import { defineConfig } from "@yunxi/platform";

/**
 * IDENTITY_* settings.
 * - SMS_PROVIDER: `development` sends nothing and writes each code to the log (DEVELOPMENT ONLY; the
 *   default in embedded mode, i.e. without YUNXI_DATABASE_URL); `disabled` refuses to send (the default
 *   otherwise, until a real SMS gateway adapter exists). Codes are never logged by anything else.
 */
export const identityConfig = defineConfig({
  prefix: "IDENTITY_",
  schema: z.object({
    SMS_PROVIDER: z.enum(["development", "disabled"]).optional(),
    /** Deadline for calls to the organisation service. */
    ORGANISATION_DEADLINE_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  }),
});

export type IdentityConfig = z.infer<typeof identityConfig.schema>;
