import type { Logger } from "@yunxi/platform";
import http2, { type ClientHttp2Session, type Http2Session, type ServerHttp2Stream } from "node:http2";
import type { IncomingMessage, ServerResponse } from "node:http";
import tls, { type TLSSocket } from "node:tls";
import { endToEndHeaders, type ZoneTarget } from "./forwarding.js";
import type { TlsMaterial } from "./tls-material.js";
import { zoneNameOfPeer } from "./tls-material.js";
import { ZoneRegistry, type ZoneSession } from "./zone-registry.js";

/** ALPN id of the reverse tunnel: the zone is the TLS client but the HTTP/2 server on that connection. */
export const TUNNEL_ALPN = "yunxi-zone-tunnel/1";
/** ALPN of a plain HTTP/2 connection from a zone to the central (the zone asking, e.g. for the JWKS). */
export const ZONE_SERVICE_ALPN = "h2";
/** Served on {@link ZONE_SERVICE_ALPN} connections: the central issuer's JWKS for the zone's verifiers. */
export const ZONE_JWKS_PATH = "/zone/v1/jwks";

/** A zone's live tunnel as the central gateway holds it. */
export class ZoneTunnel implements ZoneSession {
  constructor(
    readonly zone: string,
    readonly session: ClientHttp2Session,
    readonly remoteAddress: string,
    /** Serial number of the client certificate the zone connected with (which renewal it runs on). */
    readonly certificateSerialNumber?: string,
  ) {}

  get live(): boolean {
    return !this.session.closed && !this.session.destroyed;
  }

  close(): void {
    // The zone sees the socket close and redials; in-flight streams fail with 503 at the central.
    this.session.destroy();
  }
}

export interface CentralTunnelOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsMaterial;
  readonly logger: Logger;
  /** The issuer's JWKS document (JSON text) as the central itself verifies tokens with. */
  readonly jwks: () => Promise<string>;
  /** Interval of HTTP/2 pings that detect a tunnel whose network path died silently. */
  readonly pingIntervalMs?: number;
  readonly handshakeTimeoutMs?: number;
}

/**
 * The central gateway's tunnel listener: TLS that requires a client certificate signed by the zone CA.
 * The zone's name is the certificate's CN, never anything the zone sends. A connection negotiating
 * {@link TUNNEL_ALPN} becomes the zone's tunnel (the central is the HTTP/2 client on it); one negotiating
 * `h2` is a zone asking the central something (only the JWKS today).
 */
export class CentralTunnel {
  readonly registry = new ZoneRegistry<ZoneTunnel>();
  readonly #options: CentralTunnelOptions;
  readonly #server: tls.Server;
  readonly #zoneRequests: http2.Http2Server;
  readonly #serviceSessions = new Set<Http2Session>();

  constructor(options: CentralTunnelOptions) {
    this.#options = options;
    this.#server = tls.createServer({
      ...secureContextOptions(options.tls),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: [TUNNEL_ALPN, ZONE_SERVICE_ALPN],
      handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
    });
    this.#server.on("secureConnection", (socket) => this.#accept(socket));
    this.#server.on("tlsClientError", (error, socket) => {
      // Wrong CA, no certificate, scanners: log who, never what they sent.
      options.logger.warn({ remoteAddress: socket.remoteAddress, reason: error.message }, "zone tunnel handshake refused");
    });
    this.#zoneRequests = http2.createServer();
    this.#zoneRequests.on("session", (session) => {
      this.#serviceSessions.add(session);
      session.on("close", () => this.#serviceSessions.delete(session));
    });
    this.#zoneRequests.on("stream", (stream, headers) => void this.#answerZone(stream, headers[":method"], headers[":path"]));
  }

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
    const address = this.#server.address();
    return typeof address === "object" && address ? address.port : this.#options.port;
  }

  /**
   * Uses `material` for every handshake from now on. Established tunnels keep their session (TLS does not
   * look at the certificate again), so a renewal cuts no zone off.
   */
  useTlsMaterial(material: TlsMaterial): void {
    this.#server.setSecureContext(secureContextOptions(material));
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.registry.closeAll();
    for (const session of this.#serviceSessions) session.destroy();
    await closed;
  }

  #accept(socket: TLSSocket): void {
    const peer = socket.getPeerCertificate();
    const zone = zoneNameOfPeer(peer);
    const remoteAddress = socket.remoteAddress ?? "unknown";
    if (!zone) {
      this.#options.logger.warn({ remoteAddress }, "zone tunnel refused: client certificate names no valid zone (CN) or is not for client authentication");
      socket.destroy();
      return;
    }
    if (socket.alpnProtocol === ZONE_SERVICE_ALPN) {
      this.#zoneRequests.emit("connection", socket);
      return;
    }
    if (socket.alpnProtocol !== TUNNEL_ALPN) {
      this.#options.logger.warn({ zone, remoteAddress }, "zone connection refused: unknown protocol");
      socket.destroy();
      return;
    }
    socket.setKeepAlive(true, 15_000);
    const session = http2.connect(`https://${zone}.zone.invalid`, { createConnection: () => socket });
    const certificateSerialNumber = peer.serialNumber;
    const tunnel = new ZoneTunnel(zone, session, remoteAddress, certificateSerialNumber);
    session.on("error", (error) => this.#options.logger.warn({ zone, err: error }, "zone tunnel error"));
    const ping = setInterval(() => this.#ping(tunnel), this.#options.pingIntervalMs ?? 20_000);
    ping.unref();
    session.once("close", () => {
      clearInterval(ping);
      if (this.registry.remove(zone, tunnel)) this.#options.logger.warn({ zone, remoteAddress }, "zone disconnected");
    });
    this.registry.register(zone, tunnel);
    this.#options.logger.info({ zone, remoteAddress, certificateSerialNumber, certificateNotAfter: peer.valid_to }, "zone connected");
  }

  #ping(tunnel: ZoneTunnel): void {
    const timer = setTimeout(() => tunnel.session.destroy(), this.#options.pingIntervalMs ?? 20_000);
    timer.unref();
    const sent = tunnel.session.ping((error) => {
      clearTimeout(timer);
      if (error) tunnel.session.destroy();
    });
    if (!sent) clearTimeout(timer);
  }

  async #answerZone(stream: ServerHttp2Stream, method: string | undefined, path: string | undefined): Promise<void> {
    stream.on("error", () => undefined);
    if (method !== "GET" || path !== ZONE_JWKS_PATH) {
      stream.respond({ ":status": 404, "content-type": "application/json" });
      stream.end(JSON.stringify({ error: { kind: "NotFound", message: `no route ${method} ${path}` } }));
      return;
    }
    try {
      const jwks = await this.#options.jwks();
      stream.respond({ ":status": 200, "content-type": "application/jwk-set+json", "cache-control": "no-store" });
      stream.end(jwks);
    } catch (error) {
      this.#options.logger.warn({ err: error }, "JWKS for a zone unavailable");
      stream.respond({ ":status": 503, "content-type": "application/json" });
      stream.end(JSON.stringify({ error: { kind: "Unavailable", message: "the issuer's signing keys are unavailable" } }));
    }
  }
}

/** The secure-context part of the listener's options; the same at start and on every renewal. */
function secureContextOptions(material: TlsMaterial): tls.SecureContextOptions {
  return { cert: material.cert, key: material.key, ca: material.ca, minVersion: "TLSv1.3" };
}

/** Writes the gateway's error body shape on a raw response (the request was hijacked from Fastify). */
export function sendRawError(res: ServerResponse, status: number, kind: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { kind, message } });
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export interface ForwardOptions {
  readonly idleTimeoutMs: number;
  readonly logger: Logger;
}

/**
 * Streams one HTTP request down a zone's tunnel and the answer back: method, path, end-to-end headers
 * (Authorization included: the zone verifies the token again) and body both ways, without buffering.
 */
export function forwardToZone(tunnel: ZoneTunnel, target: ZoneTarget, req: IncomingMessage, res: ServerResponse, options: ForwardOptions): Promise<void> {
  return new Promise((resolve) => {
    const headers = endToEndHeaders(req.headers);
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    let stream: http2.ClientHttp2Stream;
    try {
      stream = tunnel.session.request({
        ...headers,
        ":method": req.method ?? "GET",
        ":path": target.path,
        "x-forwarded-for": forwardedFor,
        "x-forwarded-proto": (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http",
        ...(req.headers.host ? { "x-forwarded-host": req.headers.host } : {}),
        ...(target.prefix ? { "x-forwarded-prefix": target.prefix } : {}),
      });
    } catch (error) {
      options.logger.warn({ zone: tunnel.zone, err: error }, "zone tunnel refused a request");
      sendRawError(res, 503, "Unavailable", `zone "${tunnel.zone}" is not reachable`);
      resolve();
      return;
    }
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      resolve();
    };
    stream.setTimeout(options.idleTimeoutMs, () => {
      sendRawError(res, 504, "Unavailable", `zone "${tunnel.zone}" did not answer in time`);
      stream.close(http2.constants.NGHTTP2_CANCEL);
      finish();
    });
    stream.on("response", (responseHeaders) => {
      const status = Number(responseHeaders[":status"] ?? 502);
      res.writeHead(status, { ...endToEndHeaders(responseHeaders), "x-yunxi-zone": tunnel.zone });
      stream.pipe(res);
    });
    stream.on("end", finish);
    stream.on("error", (error) => {
      options.logger.warn({ zone: tunnel.zone, err: error }, "zone request failed in the tunnel");
      sendRawError(res, 503, "Unavailable", `zone "${tunnel.zone}" disconnected while answering`);
      finish();
    });
    stream.on("close", () => {
      if (!res.headersSent) sendRawError(res, 503, "Unavailable", `zone "${tunnel.zone}" disconnected while answering`);
      else if (!res.writableEnded) res.destroy();
      finish();
    });
    // The caller went away: stop the zone from working for nobody.
    res.on("close", () => {
      if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
      finish();
    });
    req.pipe(stream);
  });
}
