import { env } from "@yunxi/platform";
import { z } from "zod";

/** A zone name: a DNS label, because it appears in URLs, certificate CNs and Kubernetes labels. */
export const ZONE_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port` or `[v6]:port`; undefined when it is neither. */
export function parseHostPort(value: string): HostPort | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(value.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

/**
 * The zone settings of the gateway (GATEWAY_ZONE_*), merged into the gateway's own config schema so every
 * problem is reported with the others at startup. A central gateway sets ZONE_TUNNEL_*; a zone gateway sets
 * ZONE_NAME, ZONE_CENTRAL_ADDRESS and ZONE_TLS_DIR; a plain gateway sets none.
 */
export const zoneConfigShape = {
  /** This zone's name; must equal the CN of the certificate in ZONE_TLS_DIR (the central trusts only the CN). */
  ZONE_NAME: z.string().regex(ZONE_NAME_PATTERN, "expected a lower-case DNS label, e.g. finance-dept").optional(),
  /** `host:port` of the central gateway's tunnel listener; setting it makes this gateway a zone gateway. */
  ZONE_CENTRAL_ADDRESS: z
    .string()
    .refine((value) => parseHostPort(value) !== undefined, "expected host:port, e.g. yunxi-tunnel.corp.internal:7443")
    .optional(),
  /** Name the central certificate must carry when it differs from the host in ZONE_CENTRAL_ADDRESS (NAT, IP). */
  ZONE_CENTRAL_SERVER_NAME: z.string().min(1).optional(),
  /** Directory with tls.crt, tls.key (this zone's client identity) and ca.crt (the CA that signed the central). */
  ZONE_TLS_DIR: z.string().min(1).optional(),
  /** Upper bound of the redial delay after the tunnel drops. */
  ZONE_RECONNECT_MAX_MS: env.positiveInt().default(30_000),
  /** Central gateway: port of the tunnel listener zones dial (TLS with client certificates). */
  ZONE_TUNNEL_PORT: env.port().optional(),
  /** Central gateway: tls.crt, tls.key (the listener's identity) and ca.crt (the CA that signs zone certificates). */
  ZONE_TUNNEL_TLS_DIR: z.string().min(1).optional(),
  /** How long a forwarded request may go without any byte from the zone before it fails. */
  ZONE_REQUEST_IDLE_TIMEOUT_MS: env.positiveInt().default(120_000),
  /**
   * Seconds between checks of the tunnel's certificate files (both ends); changed, valid files take effect
   * for new connections without a restart. 0 = read once at start.
   */
  ZONE_TLS_RELOAD_SECONDS: z.coerce.number({ message: "expected a whole number of seconds" }).int().min(0).max(86_400).default(60),
};

type ZoneSettings = {
  ZONE_NAME?: string | undefined;
  ZONE_CENTRAL_ADDRESS?: string | undefined;
  ZONE_TLS_DIR?: string | undefined;
  ZONE_TUNNEL_PORT?: number | undefined;
  ZONE_TUNNEL_TLS_DIR?: string | undefined;
};

/** Cross-field rules of the zone settings; reported per variable, like the field rules. */
export function checkZoneSettings(value: ZoneSettings, ctx: z.RefinementCtx): void {
  const problem = (key: keyof ZoneSettings, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
  if (value.ZONE_CENTRAL_ADDRESS !== undefined) {
    if (value.ZONE_NAME === undefined) problem("ZONE_NAME", "is required when GATEWAY_ZONE_CENTRAL_ADDRESS is set");
    if (value.ZONE_TLS_DIR === undefined) problem("ZONE_TLS_DIR", "is required when GATEWAY_ZONE_CENTRAL_ADDRESS is set");
    if (value.ZONE_TUNNEL_PORT !== undefined) {
      problem("ZONE_TUNNEL_PORT", "cannot be combined with GATEWAY_ZONE_CENTRAL_ADDRESS: a zone dials out, only the central gateway accepts tunnels");
    }
  } else if (value.ZONE_NAME !== undefined) {
    problem("ZONE_CENTRAL_ADDRESS", "is required when GATEWAY_ZONE_NAME is set (the zone must know where to dial)");
  }
  if (value.ZONE_TUNNEL_PORT !== undefined && value.ZONE_TUNNEL_TLS_DIR === undefined) {
    problem("ZONE_TUNNEL_TLS_DIR", "is required when GATEWAY_ZONE_TUNNEL_PORT is set");
  }
}
