import { invalidArgument } from "@yunxi/platform";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { ZONE_NAME_PATTERN } from "./zone-config.js";

/** Path prefix that routes a request to a zone: `/zones/{zone}/api/v1/…` reaches the zone's `/api/v1/…`. */
export const ZONE_PATH_PREFIX = "/zones/";
/** Header that routes an `/api/v1/…` request to a zone without changing its path. */
export const ZONE_HEADER = "x-yunxi-zone";

export interface ZoneTarget {
  readonly zone: string;
  /** Path and query as the zone gateway sees it. */
  readonly path: string;
  /** The prefix the central stripped (for links the zone builds), empty when the header named the zone. */
  readonly prefix: string;
}

/**
 * Which zone, if any, a request is for. `/zones/{zone}/…` forwards any path (API, blob links, health);
 * the `X-Yunxi-Zone` header only applies to `/api/v1/…` so a stray header cannot divert the console or
 * the central's own issuer. A malformed zone name is the caller's error.
 */
export function zoneTargetOf(url: string, zoneHeader: string | string[] | undefined): ZoneTarget | undefined {
  if (url.startsWith(ZONE_PATH_PREFIX)) {
    const rest = url.slice(ZONE_PATH_PREFIX.length);
    const end = rest.search(/[/?]/);
    const zone = end === -1 ? rest : rest.slice(0, end);
    const tail = end === -1 ? "" : rest.slice(end);
    if (!ZONE_NAME_PATTERN.test(zone)) throw invalidArgument(`"${zone.slice(0, 64)}" is not a zone name (lower-case letters, digits, dashes)`);
    const path = tail === "" ? "/" : tail.startsWith("?") ? `/${tail}` : tail;
    return { zone, path, prefix: `${ZONE_PATH_PREFIX}${zone}` };
  }
  if (zoneHeader === undefined || !url.startsWith("/api/v1/")) return undefined;
  const zone = Array.isArray(zoneHeader) ? zoneHeader[0] : zoneHeader;
  if (zone === undefined || !ZONE_NAME_PATTERN.test(zone)) throw invalidArgument(`${ZONE_HEADER} must be a zone name (lower-case letters, digits, dashes)`);
  return { zone, path: url, prefix: "" };
}

/** True when the central must check the bearer token before forwarding (same rule as its own API). */
export function needsToken(path: string): boolean {
  return path.startsWith("/api/v1/") && !path.startsWith("/api/v1/auth/");
}

// Connection-specific headers belong to one hop and are forbidden in HTTP/2.
const HOP_BY_HOP = new Set([
  "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host", "te", "trailer", "http2-settings",
  "proxy-authenticate", "proxy-authorization",
]);

/** Copies end-to-end headers only: no pseudo-headers, no hop-by-hop ones, none the `connection` header names. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(":") || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}
