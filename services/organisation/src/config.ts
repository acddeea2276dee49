import { z } from "zod";
import { defineConfig } from "@yunxi/platform";
import { parseNetworkList } from "./domain/destination-policy.js";

/** A comma-separated list of CIDRs (`10.0.0.0/8, fd00::/8`; a bare address is one host), or `none`. */
const networkList = z.string().superRefine((value, ctx) => {
  const { invalid } = parseNetworkList(value);
  if (invalid.length > 0) ctx.addIssue({ code: "custom", message: `not a CIDR: ${invalid.join(", ")}` });
});

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
    /**
     * Networks alarm deliveries may reach although refused by default (loopback, link-local, unspecified,
     * multicast, broadcast, cloud metadata). Unset: `127.0.0.0/8,::1/128` in embedded mode (development),
     * none otherwise. `none` allows none in embedded mode too (an empty variable reads as unset).
     */
    ALARM_DELIVERY_ALLOWED_NETWORKS: networkList.optional(),
    /** Networks refused in addition to the defaults, e.g. the cluster's pod and service networks. */
    ALARM_DELIVERY_DENIED_NETWORKS: networkList.default(""),
  }).superRefine((config, ctx) => {
    // A first wait above the cap would silently become the cap: refuse the contradiction at startup.
    if (config.ALARM_DELIVERY_FIRST_RETRY_DELAY_MS > config.ALARM_DELIVERY_MAX_RETRY_DELAY_MS) {
      ctx.addIssue({ code: "custom", path: ["ALARM_DELIVERY_FIRST_RETRY_DELAY_MS"], message: "must not exceed ALARM_DELIVERY_MAX_RETRY_DELAY_MS" });
    }
  }),
});

export type OrganisationConfig = z.infer<typeof organisationConfig.schema>;
