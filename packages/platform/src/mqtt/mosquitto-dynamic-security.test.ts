import assert from "node:assert/strict";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { Aedes } from "aedes";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { MosquittoDynamicSecurity } from "./mosquitto-dynamic-security.js";

const logger = createRootLogger({ level: "silent" });

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

describe("MosquittoDynamicSecurity bounds", () => {
  // An MQTT broker without the plugin: commands are accepted and never answered.
  let aedes: Aedes;
  let plain: Server;
  let plainPort: number;
  // A TCP server that accepts and never speaks MQTT.
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();

  before(async () => {
    aedes = await Aedes.createBroker();
    plain = createServer(aedes.handle);
    plainPort = await listen(plain);
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    silentPort = await listen(silent);
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await new Promise<void>((resolve) => plain.close(() => resolve()));
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("fails a command nobody answers with Unavailable naming the broker", async () => {
    const url = `mqtt://127.0.0.1:${plainPort}`;
    const dynsec = await MosquittoDynamicSecurity.connect({
      url,
      adminUsername: "admin",
      adminPassword: "pw",
      timeoutMs: 300,
      // aedes speaks 3.1.1 only.
      protocolVersion: 4,
      logger,
    });
    try {
      await assert.rejects(
        dynsec.execute({ command: "createClient", username: "d1", password: "never-in-messages" }),
        (error) =>
          isYunxiError(error, "Unavailable") &&
          error.message.includes(url) &&
          error.message.includes("createClient") &&
          !error.message.includes("never-in-messages"),
      );
    } finally {
      await dynsec.close();
    }
  });

  it("fails a connect that gets no CONNACK within the bound", async () => {
    const url = `mqtt://127.0.0.1:${silentPort}`;
    await assert.rejects(
      MosquittoDynamicSecurity.connect({ url, adminUsername: "admin", adminPassword: "pw", timeoutMs: 300, logger }),
      (error) => isYunxiError(error, "Unavailable") && error.message.includes(url),
    );
  });

  it("fails a connect to a closed port with Unavailable", async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(
      MosquittoDynamicSecurity.connect({ url: `mqtt://127.0.0.1:${port}`, adminUsername: "a", adminPassword: "p", timeoutMs: 1000, logger }),
      (error) => isYunxiError(error, "Unavailable"),
    );
  });
});
