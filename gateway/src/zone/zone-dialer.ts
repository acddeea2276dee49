import { unavailable, type Logger } from "@yunxi/platform";
import http, { type OutgoingHttpHeaders } from "node:http";
import http2, { type IncomingHttpHeaders, type ServerHttp2Stream } from "node:http2";
import { isIP } from "node:net";
import tls, { type TLSSocket } from "node:tls";
import type { ReconnectBackoff } from "./backoff.js";
import { TUNNEL_ALPN, ZONE_JWKS_PATH, ZONE_SERVICE_ALPN } from "./central-tunnel.js";
import { endToEndHeaders } from "./forwarding.js";
import type { HostPort } from "./zone-config.js";
import type { TlsMaterialReloader } from "./tls-reloader.js";

export type TunnelState = "connecting" | "connected" | "waiting";

export interface ZoneDialerOptions {
  readonly zone: string;
  readonly central: HostPort;
  /** Name the central certificate must carry; defaults to the host of `central`. */
  readonly centralServerName?: string;
  /** This zone's client certificate, key and the CA of the central, kept current (see TlsMaterialReloader). */
  readonly tls: Pick<TlsMaterialReloader, "material" | "reload">;
  /** Where this zone's own gateway serves HTTP (known once it listens); forwarded requests are answered by it. */
  readonly local: () => HostPort;
  readonly backoff: ReconnectBackoff;
  readonly logger: Logger;
  readonly connectTimeoutMs: number;
  readonly pingIntervalMs?: number;
  /** Observes state changes (tests, readiness). */
  readonly onState?: (state: TunnelState) => void;
}

/** TLS options to reach the central with the zone's current client certificate. */
function centralTlsOptions(options: Pick<ZoneDialerOptions, "central" | "centralServerName" | "tls">, alpn: string): tls.ConnectionOptions {
  const material = options.tls.material;
  const serverName = options.centralServerName ?? options.central.host;
  return {
    host: options.central.host,
    port: options.central.port,
    cert: material.cert,
    key: material.key,
    ca: material.ca,
    minVersion: "TLSv1.3",
    ALPNProtocols: [alpn],
    // SNI cannot carry an IP address; the certificate check still runs against it.
    ...(isIP(serverName) ? {} : { servername: serverName }),
    checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(serverName, certificate),
  };
}

function connectTls(options: tls.ConnectionOptions, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options);
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * The zone end of the tunnel: dials OUT to the central gateway with the zone's client certificate, checks
 * the central's certificate against the zone CA, then serves HTTP/2 on that connection so the central can
 * send requests down it; the isolated network never opens an inbound port. Each forwarded request is
 * answered by this zone's own gateway over loopback, so it meets exactly the routes, hooks and token checks
 * a local request meets. When the connection drops, it redials with capped, jittered exponential backoff.
 */
export class ZoneDialer {
  readonly #options: ZoneDialerOptions;
  readonly #server = http2.createServer();
  readonly #agent = new http.Agent({ keepAlive: true });
  #socket: TLSSocket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt = 0;
  #stopped = false;

  constructor(options: ZoneDialerOptions) {
    this.#options = options;
    this.#server.on("stream", (stream, headers) => this.#serve(stream, headers));
  }

  /** Starts dialing; returns at once (the zone works locally whether or not the central is reachable). */
  start(): void {
    void this.#dial();
  }

  async close(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.destroy();
    this.#agent.destroy();
  }

  #state(state: TunnelState): void {
    this.#options.onState?.(state);
  }

  async #dial(): Promise<void> {
    if (this.#stopped) return;
    const { logger, central } = this.#options;
    this.#state("connecting");
    // A renewed certificate is used from the next dial on, without waiting for the reload tick.
    await this.#options.tls.reload();
    if (this.#stopped) return;
    let socket: TLSSocket;
    try {
      socket = await connectTls(centralTlsOptions(this.#options, TUNNEL_ALPN), this.#options.connectTimeoutMs);
    } catch (error) {
      logger.warn({ central: `${central.host}:${central.port}`, reason: (error as Error).message }, "zone tunnel: cannot reach the central gateway");
      this.#retry();
      return;
    }
    if (this.#stopped) {
      socket.destroy();
      return;
    }
    if (socket.alpnProtocol !== TUNNEL_ALPN) {
      logger.warn({ central: `${central.host}:${central.port}` }, "zone tunnel: the central does not speak the tunnel protocol");
      socket.destroy();
      this.#retry();
      return;
    }
    this.#socket = socket;
    socket.setKeepAlive(true, 15_000);
    let ping: NodeJS.Timeout | undefined;
    socket.once("close", () => {
      clearInterval(ping);
      if (this.#socket === socket) this.#socket = undefined;
      if (this.#stopped) return;
      logger.warn({ central: `${central.host}:${central.port}` }, "zone tunnel: connection to the central gateway lost");
      this.#retry();
    });
    socket.on("error", () => undefined); // "close" follows; the reason is not worth a second log line
    this.#server.once("session", (session) => {
      session.on("error", () => undefined);
      // The central accepted our certificate once its SETTINGS arrive: only then does the backoff reset,
      // so a central that keeps refusing us is not hammered.
      session.once("remoteSettings", () => {
        this.#attempt = 0;
        logger.info({ zone: this.#options.zone, central: `${central.host}:${central.port}` }, "zone tunnel connected");
        this.#state("connected");
      });
      const interval = this.#options.pingIntervalMs ?? 20_000;
      ping = setInterval(() => {
        const timer = setTimeout(() => socket.destroy(), interval);
        timer.unref();
        if (!session.ping((error) => (clearTimeout(timer), error ? socket.destroy() : undefined))) clearTimeout(timer);
      }, interval);
      ping.unref();
    });
    this.#server.emit("connection", socket);
  }

  #retry(): void {
    if (this.#stopped) return;
    const delay = this.#options.backoff.delayMs(this.#attempt);
    this.#attempt += 1;
    this.#state("waiting");
    this.#options.logger.info({ delayMs: delay, attempt: this.#attempt }, "zone tunnel: redialing");
    this.#timer = setTimeout(() => void this.#dial(), delay);
  }

  #serve(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on("error", () => undefined);
    const local = this.#options.local();
    const request = http.request({
      host: local.host,
      port: local.port,
      agent: this.#agent,
      method: headers[":method"] ?? "GET",
      path: headers[":path"] ?? "/",
      headers: endToEndHeaders(headers) as OutgoingHttpHeaders,
    });
    request.on("response", (response) => {
      if (stream.closed) {
        response.destroy();
        return;
      }
      stream.respond({ ...endToEndHeaders(response.headers), ":status": response.statusCode ?? 502 });
      response.pipe(stream);
    });
    request.on("error", (error) => {
      this.#options.logger.warn({ err: error }, "zone tunnel: local gateway did not answer");
      if (stream.closed) return;
      if (!stream.headersSent) {
        stream.respond({ ":status": 502, "content-type": "application/json" });
        stream.end(JSON.stringify({ error: { kind: "Unavailable", message: "the zone gateway did not answer" } }));
      } else stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    });
    stream.on("close", () => request.destroy());
    stream.pipe(request);
  }
}

/**
 * Fetches the central issuer's JWKS over a short-lived mTLS HTTP/2 connection to the tunnel port, for
 * the zone's token verifiers (a zone cannot reach the issuer itself).
 */
export async function fetchCentralJwks(options: Pick<ZoneDialerOptions, "central" | "centralServerName" | "tls" | "connectTimeoutMs">): Promise<string> {
  let socket: TLSSocket;
  try {
    socket = await connectTls(centralTlsOptions(options, ZONE_SERVICE_ALPN), options.connectTimeoutMs);
  } catch (error) {
    throw unavailable("the central gateway is unreachable for the issuer's signing keys", { cause: error });
  }
  const session = http2.connect(`https://${options.central.host}`, { createConnection: () => socket });
  try {
    return await new Promise<string>((resolve, reject) => {
      session.on("error", reject);
      const stream = session.request({ ":method": "GET", ":path": ZONE_JWKS_PATH });
      stream.setTimeout(options.connectTimeoutMs, () => stream.close(http2.constants.NGHTTP2_CANCEL));
      let status = 0;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("response", (h) => (status = Number(h[":status"])));
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > 1024 * 1024) stream.close(http2.constants.NGHTTP2_CANCEL);
        else chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("close", () => {
        if (status === 200 && size <= 1024 * 1024) resolve(Buffer.concat(chunks).toString("utf8"));
        else reject(unavailable(`the central gateway answered the JWKS request with ${status || "nothing"}`));
      });
      stream.end();
    });
  } catch (error) {
    throw isUnavailable(error) ? error : unavailable("the central gateway did not deliver the issuer's signing keys", { cause: error });
  } finally {
    session.destroy();
  }
}

function isUnavailable(error: unknown): boolean {
  return (error as { kind?: unknown }).kind === "Unavailable";
}

