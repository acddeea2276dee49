import assert from "node:assert/strict";
import type { LookupAddress } from "node:dns";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { after, before, describe, it } from "node:test";
import { DestinationRefused, makeDestinationPolicy, parseNetworkList } from "../../domain/destination-policy.js";
import type { OutgoingRequest } from "../../domain/notification.js";
import { NodeHttpAlarmSender, type ResolveHost } from "./node-http-alarm-sender.js";

interface Received { host: string | undefined; path: string; headers: IncomingHttpHeaders; body: string }

const allowLoopback = makeDestinationPolicy({ allowed: parseNetworkList("127.0.0.1/32").networks });
const request = (url: string): OutgoingRequest => ({ url, headers: { "content-type": "application/json; charset=utf-8", "x-test": "1" }, body: JSON.stringify({ text: "告警 alarm" }) });

/** A resolver for made-up names (`.test` never resolves for real), counting how often it was asked. */
function fakeResolver(table: Record<string, readonly LookupAddress[]>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return answer;
  };
  return Object.assign(resolve, { calls });
}

describe("NodeHttpAlarmSender and the destination policy, with a receiver on 127.0.0.1", { timeout: 30_000 }, () => {
  let server: Server;
  let port: number;
  const received: Received[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ host: req.headers.host, path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        if (req.url === "/big") res.writeHead(200).end("x".repeat(100_000));
        else if (req.url === "/slow") setTimeout(() => res.writeHead(204).end(), 2000).unref();
        else res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("refuses a loopback receiver by default, and nothing reaches it", async () => {
    const before = received.length;
    const sender = new NodeHttpAlarmSender({ policy: makeDestinationPolicy() });
    await assert.rejects(sender.post(request(`http://127.0.0.1:${port}/hook`), 2000), (error: unknown) => {
      assert.ok(error instanceof DestinationRefused);
      assert.equal(error.message, "destination 127.0.0.1 is not allowed (loopback)");
      return true;
    });
    await assert.rejects(sender.post(request(`http://[::ffff:127.0.0.1]:${port}/hook`), 2000), /destination ::ffff:7f00:1 is not allowed \(loopback\)/);
    assert.equal(received.length, before);
  });

  it("sends to it once ALLOWED names it: the POST, its headers and body arrive, the answer comes back", async () => {
    const sender = new NodeHttpAlarmSender({ policy: allowLoopback });
    const answer = await sender.post(request(`http://127.0.0.1:${port}/hook?token=abc`), 2000);
    assert.deepEqual(answer, { status: 200, body: '{"errcode":0}' });
    const last = received.at(-1);
    assert.deepEqual([last?.path, last?.headers["x-test"], last?.body], ["/hook?token=abc", "1", JSON.stringify({ text: "告警 alarm" })]);
  });

  it("refuses a host name when ANY address it resolves to is refused, before connecting", async () => {
    const before = received.length;
    const resolve = fakeResolver({
      "mixed.receiver.test": [
        { address: "127.0.0.1", family: 4 },
        { address: "169.254.169.254", family: 4 },
      ],
      "mapped.receiver.test": [{ address: "::ffff:169.254.169.254", family: 6 }],
    });
    const sender = new NodeHttpAlarmSender({ policy: allowLoopback, resolve });
    await assert.rejects(sender.post(request(`http://mixed.receiver.test:${port}/hook`), 2000), /^DestinationRefused: destination 169\.254\.169\.254 is not allowed \(link-local\)$/);
    await assert.rejects(sender.post(request(`http://mapped.receiver.test:${port}/hook`), 2000), /destination ::ffff:169\.254\.169\.254 is not allowed \(link-local\)/);
    assert.equal(received.length, before);
    assert.deepEqual(resolve.calls, ["mixed.receiver.test", "mapped.receiver.test"]);
  });

  it("connects to the address it judged (no second resolution) and keeps the host name in the Host header", async () => {
    const resolve = fakeResolver({ "oa.receiver.test": [{ address: "127.0.0.1", family: 4 }] });
    const sender = new NodeHttpAlarmSender({ policy: allowLoopback, resolve });
    const answer = await sender.post(request(`http://oa.receiver.test:${port}/oa`), 2000);
    assert.equal(answer.status, 200);
    // The name does not exist for the system resolver, so the request only arrived through the pinned address.
    assert.deepEqual(resolve.calls, ["oa.receiver.test"]);
    assert.deepEqual([received.at(-1)?.host, received.at(-1)?.path], [`oa.receiver.test:${port}`, "/oa"]);
  });

  it("says why a name did not resolve, without the URL", async () => {
    const sender = new NodeHttpAlarmSender({ policy: allowLoopback, resolve: fakeResolver({}) });
    await assert.rejects(sender.post(request(`http://nowhere.receiver.test:${port}/x?key=secret`), 2000), (error: unknown) => {
      assert.ok(!(error instanceof DestinationRefused));
      assert.equal((error as Error).message, "connection failed (ENOTFOUND)");
      return true;
    });
  });

  it("bounds the wait and the body it reads", async () => {
    const sender = new NodeHttpAlarmSender({ policy: allowLoopback });
    await assert.rejects(sender.post(request(`http://127.0.0.1:${port}/slow`), 300), /^Error: no answer within 300 ms$/);
    const big = await sender.post(request(`http://127.0.0.1:${port}/big`), 2000);
    assert.equal(big.status, 200);
    assert.equal(big.body.length, 4096);
  });

  it("keeps the URL's host name as the TLS server name (SNI) while connecting to the judged address", async () => {
    const names: string[] = [];
    // No certificate: the handshake stops after the ClientHello, which is all this test needs to see.
    const tls = createTlsServer({
      SNICallback: (name, callback) => {
        names.push(name);
        callback(new Error("no certificate here"));
      },
    });
    tls.on("tlsClientError", () => undefined);
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    try {
      const tlsPort = (tls.address() as AddressInfo).port;
      const sender = new NodeHttpAlarmSender({ policy: allowLoopback, resolve: fakeResolver({ "robot.receiver.test": [{ address: "127.0.0.1", family: 4 }] }) });
      await assert.rejects(sender.post(request(`https://robot.receiver.test:${tlsPort}/send`), 2000), /^Error: connection failed/);
      assert.deepEqual(names, ["robot.receiver.test"]);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});
