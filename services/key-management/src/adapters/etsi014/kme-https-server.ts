import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { Logger } from "@yunxi/platform";
import type { KmeSimulator } from "./kme-simulator.js";

export interface KmeHttpsServerOptions {
  readonly simulator: KmeSimulator;
  /** PEM: server certificate and key, and the CA that issued the SAE certificates. */
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
  readonly host?: string;
  readonly port?: number;
  readonly logger?: Logger;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The KME simulator's ETSI GS QKD 014 HTTPS front: TLS >= 1.2 with a required client certificate.
 * The handshake accepts untrusted certificates on purpose, so the spec's 401 (no body) can be
 * returned instead of a TLS alert; the SAE ID is the verified certificate's CN (else its first DNS SAN).
 */
export class KmeHttpsServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: KmeHttpsServerOptions) {
    this.server = createServer(
      { cert: options.cert, key: options.key, ca: options.ca, requestCert: true, rejectUnauthorized: false, minVersion: "TLSv1.2" },
      (req, res) => void this.onRequest(req, res),
    );
    this.server.on("secureConnection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<{ host: string; port: number; url: string }> {
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const port = (this.server.address() as AddressInfo).port;
    return { host, port, url: `https://${host.includes(":") ? `[${host}]` : host}:${port}` };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const callerSae = saeIdOf(req.socket as TLSSocket);
    let body: string | undefined;
    try {
      body = req.method === "POST" ? await readBody(req) : undefined;
    } catch {
      return this.send(res, 400, { message: "request body is too large" }, false);
    }
    const url = new URL(req.url ?? "/", "https://kme.invalid");
    const faults = this.options.simulator.faults;
    const response = this.options.simulator.handle({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body, callerSae });
    // Only the outcome is logged: never keys, key IDs from bodies, or request bodies.
    this.options.logger?.debug({ sae: callerSae ?? null, path: url.pathname, status: response.status }, "etsi014 request");
    const delay = Math.min(faults.delayMs ?? 0, 60_000);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    this.send(res, response.status, response.body, faults.truncateResponses === true);
  }

  private send(res: ServerResponse, status: number, body: unknown, truncate: boolean): void {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json" });
    res.end(truncate ? text.slice(0, Math.floor(text.length / 2)) : text);
  }
}

function saeIdOf(socket: TLSSocket): string | undefined {
  if (!socket.authorized) return undefined;
  const cert = socket.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return undefined;
  const cn = cert.subject?.CN;
  if (typeof cn === "string" && cn.length > 0) return cn;
  const dns = /(?:^|, )DNS:([^,]+)/.exec(cert.subjectaltname ?? "");
  return dns?.[1];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RangeError("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
