import { request as httpsRequest } from "node:https";
import type { Clock } from "../../app/ports.js";
import { KmeHttpsServer } from "./kme-https-server.js";
import { KmeSimulator, type SimulatedLinkOptions } from "./kme-simulator.js";
import { generateSimulatorPki, type SimulatorPki } from "./pki.js";

/** A KME simulator on an ephemeral HTTPS port with a fresh PKI, for tests and benchmarks. */
export interface RunningKme {
  readonly simulator: KmeSimulator;
  readonly pki: SimulatorPki;
  readonly url: string;
  readonly kmeId: string;
  close(): Promise<void>;
}

let cachedPki: Promise<SimulatorPki> | undefined;

/** Certificates are slow-ish to make; tests share one PKI (SAEs sae-a, sae-b, sae-c, sae-x). */
export function sharedTestPki(): Promise<SimulatorPki> {
  cachedPki ??= generateSimulatorPki({ kmeId: "kme-test", saeIds: ["sae-a", "sae-b", "sae-c", "sae-x"] });
  return cachedPki;
}

export async function startTestKme(links: readonly SimulatedLinkOptions[], clock?: Clock): Promise<RunningKme> {
  const pki = await sharedTestPki();
  const simulator = new KmeSimulator("kme-test", links, clock);
  const server = new KmeHttpsServer({ simulator, cert: pki.kme.cert, key: pki.kme.key, ca: pki.ca.cert });
  const { url } = await server.listen();
  return { simulator, pki, url, kmeId: "kme-test", close: () => server.close() };
}

export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** A bare HTTPS call with an optional client identity, to test the server byte for byte. */
export function rawCall(
  url: string,
  ca: string,
  options: { method?: string; path: string; body?: string; identity?: { cert: string; key: string }; contentType?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(options.path, url),
      {
        method: options.method ?? "GET",
        ca,
        ...(options.identity ?? {}),
        agent: false,
        timeout: 5000,
        headers: options.body === undefined ? {} : { "content-type": options.contentType ?? "application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text === "" ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(options.body);
  });
}
