import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, describe, it } from "node:test";
import mqtt from "mqtt";
import { connectedWithin, resendDue } from "./seal-simulator.js";

/** A broker stand-in that answers the n-th connection's CONNECT with `answers[n]` (undefined: stays silent). */
async function fakeBroker(answers: (number | undefined)[]): Promise<{ server: Server; url: string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    const answer = answers[connections++];
    socket.once("data", () => {
      if (answer !== undefined) socket.write(Buffer.from([0x20, 0x02, 0x00, answer])); // CONNACK, return code
    });
  });
  server.on("close", () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { server, url: `mqtt://127.0.0.1:${address.port}`, connections: () => connections };
}

describe("seal-sim connecting", () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));
  const client = (url: string) => mqtt.connect(url, { clientId: "dev-1", username: "dev-1", password: "s", connectTimeout: 200, reconnectPeriod: 50 });

  it("keeps trying through connack timeouts until the broker answers", async () => {
    const broker = await fakeBroker([undefined, undefined, 0]);
    servers.push(broker.server);
    const c = client(broker.url);
    try {
      await connectedWithin(c, 10_000, "dev-1");
      assert.equal(c.connected, true);
      assert.equal(broker.connections(), 3);
    } finally {
      c.end(true);
    }
  });

  it("gives up at once on a refused login, and after its bound on a silent broker", async () => {
    const refusing = await fakeBroker([4, 0]);
    servers.push(refusing.server);
    const refused = client(refusing.url);
    await assert.rejects(connectedWithin(refused, 10_000, "dev-1"), /dev-1: Connection refused/);
    assert.equal(refusing.connections(), 1);

    const silent = await fakeBroker([]);
    servers.push(silent.server);
    const c = client(silent.url);
    await assert.rejects(connectedWithin(c, 700, "dev-1"), /not connected within 700 ms/);
    assert.equal(c.disconnecting || c.disconnected, true);
  });
});

describe("seal-sim re-sending unacknowledged events", () => {
  it("backs off: one interval after the first send, then doubling per re-send up to the cap", () => {
    // With a 5 s tick and a 60 s cap: due after 5, 10, 20, 40, 60, 60 … s (half a tick of slack each).
    const waits = [1, 2, 3, 4, 5, 6, 9].map((sends) => {
      let ms = 0;
      while (!resendDue(ms, sends, 5000, 60_000)) ms += 100;
      return ms;
    });
    assert.deepEqual(waits, [2500, 7500, 17_500, 37_500, 57_500, 57_500, 57_500]);
    assert.equal(resendDue(2400, 1, 5000, 60_000), false, "an event published on this tick waits for a later one");
  });

  it("never waits less than one interval, whatever the cap", () => {
    assert.equal(resendDue(2000, 3, 5000, 1000), false);
    assert.equal(resendDue(2500, 3, 5000, 1000), true);
  });
});
