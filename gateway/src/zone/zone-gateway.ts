import { BUILT_IN_ISSUER_PATH, failedPrecondition, unauthenticated, unavailable, type Logger, type PlatformConfig, type TokenVerifier } from "@yunxi/platform";
import type { FastifyInstance } from "fastify";
import { exponentialBackoff } from "./backoff.js";
import { CentralTunnel, forwardToZone } from "./central-tunnel.js";
import { needsToken, ZONE_HEADER, zoneTargetOf } from "./forwarding.js";
import { issuerJwksSource } from "./issuer-jwks.js";
import { zoneNameOfPem, type CertificateInfo } from "./tls-material.js";
import { TlsMaterialReloader } from "./tls-reloader.js";
import { parseHostPort, type HostPort } from "./zone-config.js";
import { fetchCentralJwks, ZoneDialer } from "./zone-dialer.js";

/** The gateway's zone settings (see zoneConfigShape), as the gateway config hands them over. */
export interface ZoneSettings {
  readonly ZONE_NAME?: string | undefined;
  readonly ZONE_CENTRAL_ADDRESS?: string | undefined;
  readonly ZONE_CENTRAL_SERVER_NAME?: string | undefined;
  readonly ZONE_TLS_DIR?: string | undefined;
  readonly ZONE_RECONNECT_MAX_MS: number;
  readonly ZONE_TUNNEL_PORT?: number | undefined;
  readonly ZONE_TUNNEL_TLS_DIR?: string | undefined;
  readonly ZONE_REQUEST_IDLE_TIMEOUT_MS: number;
  readonly ZONE_TLS_RELOAD_SECONDS: number;
}

export type ZoneRole = "central" | "zone" | "none";

export function zoneRoleOf(settings: ZoneSettings): ZoneRole {
  if (settings.ZONE_CENTRAL_ADDRESS !== undefined) return "zone";
  return settings.ZONE_TUNNEL_PORT !== undefined ? "central" : "none";
}

export interface CentralZoneRouting {
  readonly tunnel: CentralTunnel;
  /** The listener's certificate in use (for readiness and troubleshooting). */
  certificate(): CertificateInfo;
  /** Opens the tunnel port; call once the gateway's HTTP port listens (the JWKS source needs it). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Central gateway: routes `/zones/{zone}/…` and `X-Yunxi-Zone` requests down the zone's tunnel after the
 * usual token check, and prepares the tunnel listener. Installed as an onRequest hook so bodies stream
 * through unparsed.
 */
export async function installCentralZoneRouting(
  app: FastifyInstance,
  options: {
    settings: ZoneSettings;
    platform: PlatformConfig;
    logger: Logger;
    verifier: TokenVerifier;
    localOrigin: () => string;
    /** The issuer's JWKS for zones; by default fetched as the central's own verifier does (see issuerJwksSource). */
    jwks?: () => Promise<string>;
  },
): Promise<CentralZoneRouting> {
  const { settings, logger } = options;
  const tlsDir = settings.ZONE_TUNNEL_TLS_DIR;
  const port = settings.ZONE_TUNNEL_PORT;
  if (tlsDir === undefined || port === undefined) throw new Error("central zone routing needs GATEWAY_ZONE_TUNNEL_PORT and GATEWAY_ZONE_TUNNEL_TLS_DIR");
  const material = await TlsMaterialReloader.open({
    dir: tlsDir,
    role: "central listener",
    logger,
    reloadSeconds: settings.ZONE_TLS_RELOAD_SECONDS,
    onChange: (renewed) => tunnel.useTlsMaterial(renewed),
  });
  const tunnel = new CentralTunnel({
    host: options.platform.BIND_HOST,
    port,
    tls: material.material,
    logger,
    jwks: options.jwks ?? issuerJwksSource(options.platform, options.localOrigin),
    handshakeTimeoutMs: options.platform.CONNECT_TIMEOUT_MS,
  });
  app.addHook("onRequest", async (request, reply) => {
    const target = zoneTargetOf(request.url, request.headers[ZONE_HEADER]);
    if (!target) return;
    if (needsToken(target.path)) {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (!token) throw unauthenticated("an access token is required (Authorization: Bearer …)");
      await options.verifier.verify(token);
    }
    const zoneTunnel = tunnel.registry.get(target.zone);
    if (!zoneTunnel) throw unavailable(`zone "${target.zone}" is not connected`);
    reply.hijack();
    await forwardToZone(zoneTunnel, target, request.raw, reply.raw, { idleTimeoutMs: settings.ZONE_REQUEST_IDLE_TIMEOUT_MS, logger });
  });
  return {
    tunnel,
    certificate: () => material.certificate,
    async listen() {
      const bound = await tunnel.listen();
      logger.info({ port: bound }, "zone tunnel listening");
      return bound;
    },
    async close() {
      material.close();
      await tunnel.close();
    },
  };
}

export interface ZoneSide {
  readonly dialer: ZoneDialer;
  /** The zone's client certificate in use (for readiness and troubleshooting). */
  certificate(): CertificateInfo;
  close(): Promise<void>;
}

/**
 * Zone gateway: checks that the certificate is this zone's, and serves the central issuer's JWKS at the
 * built-in issuer's `/oidc/jwks`, fetched from the central over mTLS, so this zone's modules and gateway
 * verify tokens without reaching the issuer. Call {@link ZoneSide.dialer}`.start()` once the HTTP port listens.
 */
export async function installZoneSide(
  app: FastifyInstance,
  options: { settings: ZoneSettings; platform: PlatformConfig; logger: Logger; local: () => HostPort },
): Promise<ZoneSide> {
  const { settings, logger } = options;
  const central = settings.ZONE_CENTRAL_ADDRESS === undefined ? undefined : parseHostPort(settings.ZONE_CENTRAL_ADDRESS);
  const tlsDir = settings.ZONE_TLS_DIR;
  const zone = settings.ZONE_NAME;
  if (!central || tlsDir === undefined || zone === undefined) throw new Error("a zone gateway needs GATEWAY_ZONE_NAME, GATEWAY_ZONE_CENTRAL_ADDRESS and GATEWAY_ZONE_TLS_DIR");
  const material = await TlsMaterialReloader.open({
    dir: tlsDir,
    role: "zone client",
    logger,
    reloadSeconds: settings.ZONE_TLS_RELOAD_SECONDS,
    check: (candidate) => {
      const certified = zoneNameOfPem(candidate.cert);
      // The central trusts only the certificate: a mismatch would silently serve another zone's traffic,
      // so a renewal for another name is refused like a broken one.
      if (certified !== zone) {
        throw failedPrecondition(`GATEWAY_ZONE_NAME is "${zone}" but the certificate in ${tlsDir}/tls.crt is for ${certified === undefined ? "no valid zone name (CN)" : `"${certified}"`}`);
      }
    },
  });
  const centralTls = {
    central,
    tls: material,
    connectTimeoutMs: options.platform.CONNECT_TIMEOUT_MS,
    ...(settings.ZONE_CENTRAL_SERVER_NAME === undefined ? {} : { centralServerName: settings.ZONE_CENTRAL_SERVER_NAME }),
  };
  app.get(`${BUILT_IN_ISSUER_PATH}/jwks`, async (_request, reply) => {
    const jwks = await fetchCentralJwks(centralTls);
    return reply.type("application/jwk-set+json").header("cache-control", "no-store").send(jwks);
  });
  const dialer = new ZoneDialer({
    ...centralTls,
    zone,
    local: options.local,
    backoff: exponentialBackoff({ initialMs: Math.min(500, settings.ZONE_RECONNECT_MAX_MS), maxMs: settings.ZONE_RECONNECT_MAX_MS }),
    logger,
  });
  return {
    dialer,
    certificate: () => material.certificate,
    async close() {
      material.close();
      await dialer.close();
    },
  };
}
