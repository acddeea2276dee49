import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import mqtt, { type MqttClient } from "mqtt";
import { createRootLogger } from "../logging/logger.js";
import { AedesDeviceBroker } from "./aedes-device-broker.js";

const PUBLISHERS = 40;
const MESSAGES_EACH = 1500;

const connect = (url: string, id: string, secret: string): Promise<MqttClient> =>
  mqtt.connectAsync(url, { clientId: id, username: id, password: secret, protocolVersion: 4, reconnectPeriod: 0 });

/**
 * A backlog of device messages nobody subscribes to, queued while the broker's deliveries to one stalled
 * subscriber hold its routing. With aedes's default routing bound (100 at once) the backlog drains by
 * recursion once the stalled subscriber goes, and overflows the stack: what killed the all-in-one when a
 * fleet's burst had queued messages for a platform connection the broker then dropped.
 */
describe("AedesDeviceBroker routing a backlog", { timeout: 120_000 }, () => {
  it("drains tens of thousands of queued messages for nobody and keeps routing", async () => {
    const broker = await AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, logger: createRootLogger({ level: "silent" }) });
    const clients: MqttClient[] = [];
    try {
      const ids = Array.from({ length: PUBLISHERS + 1 }, (_, i) => `dev-backlog-${i}-${randomBytes(3).toString("hex")}`);
      const secret = randomBytes(24).toString("base64url");
      await Promise.all(ids.map((id) => broker.registerDevice(id, secret)));
      const [stalledId, ...publisherIds] = ids as [string, ...string[]];
      const stalled = await connect(broker.brokerUrl, stalledId, secret);
      clients.push(stalled);
      await stalled.subscribeAsync(`yunxi/v1/devices/${stalledId}/down/#`, { qos: 0 });
      (stalled as unknown as { stream: { pause(): void } }).stream.pause();
      const platform = await broker.connectPlatformClient({ clientId: `backlog-${randomBytes(3).toString("hex")}` });
      const big = Buffer.alloc(256 * 1024, 1);
      for (let i = 0; i < 200; i++) void platform.publish(`yunxi/v1/devices/${stalledId}/down/big`, big, { qos: 0 }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const publishers = await Promise.all(publisherIds.map((id) => connect(broker.brokerUrl, id, secret)));
      clients.push(...publishers);
      for (const [n, publisher] of publishers.entries()) {
        for (let i = 0; i < MESSAGES_EACH; i++) publisher.publish(`yunxi/v1/devices/${publisherIds[n]}/up/telemetry`, "t", { qos: 0 });
      }
      await new Promise((resolve) => setTimeout(resolve, 3000));
      stalled.end(true);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      let received: (body: string) => void = () => undefined;
      const got = new Promise<string>((resolve) => (received = resolve));
      // Resolves after SUBACK, so the probe below cannot race the subscription.
      await platform.subscribe("yunxi/v1/devices/dev-probe/up/x", (m) => received(Buffer.from(m.payload).toString()));
      await platform.publish("yunxi/v1/devices/dev-probe/up/x", "alive", { qos: 1 });
      assert.equal(await got, "alive");
      await platform.close();
    } finally {
      await Promise.allSettled(clients.map((c) => c.endAsync(true)));
      await broker.close();
    }
  });
});
