import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import type { MqttClient } from "mqtt";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { requireTestServer, testSetting } from "../testing/servers.js";
import { deviceBrokerContract } from "./device-broker.contract.js";
import { MosquittoDeviceBroker } from "./mosquitto-device-broker.js";
import { MosquittoDynamicSecurity } from "./mosquitto-dynamic-security.js";
import { connectBounded } from "./mqtt-connect.js";

// Names unique to this run, so the cleanup below can prove nothing of ours is left in the broker.
const run = randomBytes(4).toString("hex");
const rolePrefix = `yunxi-test-${run}-`;
const platformUsername = `yunxi-test-platform-${run}`;
const logger = createRootLogger({ level: "warn" });

async function admin(): Promise<MosquittoDynamicSecurity> {
  return MosquittoDynamicSecurity.connect({
    url: await requireTestServer("mqtt"),
    adminUsername: testSetting("YUNXI_TEST_MQTT_ADMIN_USER"),
    adminPassword: testSetting("YUNXI_TEST_MQTT_ADMIN_PASSWORD"),
    logger,
  });
}

deviceBrokerContract(
  "MosquittoDeviceBroker",
  async () =>
    MosquittoDeviceBroker.start({
      url: await requireTestServer("mqtt"),
      adminUsername: testSetting("YUNXI_TEST_MQTT_ADMIN_USER"),
      adminPassword: testSetting("YUNXI_TEST_MQTT_ADMIN_PASSWORD"),
      platformUsername,
      platformPassword: randomBytes(24).toString("base64url"),
      rolePrefix,
      logger,
    }),
  { deviceProtocolVersions: [5, 4] },
);

describe("MosquittoDeviceBroker platform user", () => {
  it("re-creates a deleted platform user and the platform client reconnects by itself", { timeout: 30_000 }, async () => {
    const url = await requireTestServer("mqtt");
    const broker = await MosquittoDeviceBroker.start({
      url,
      adminUsername: testSetting("YUNXI_TEST_MQTT_ADMIN_USER"),
      adminPassword: testSetting("YUNXI_TEST_MQTT_ADMIN_PASSWORD"),
      platformUsername: `${platformUsername}-repair`,
      platformPassword: randomBytes(24).toString("base64url"),
      rolePrefix,
      logger,
    });
    const deviceId = `repair-${run}`;
    const secret = randomBytes(24).toString("base64url");
    let device: MqttClient | undefined;
    try {
      const platform = await broker.connectPlatformClient({ clientId: `repair-${run}` });
      const received: string[] = [];
      await platform.subscribe(`yunxi/v1/devices/${deviceId}/up/#`, (message) => {
        received.push(Buffer.from(message.payload).toString("utf8"));
      });
      // What a wiped dynsec file looks like from here: the platform user is gone and its session kicked.
      await broker.dynamicSecurity.execute({ command: "deleteClient", username: `${platformUsername}-repair` });
      await broker.registerDevice(deviceId, secret);
      device = await connectBounded(
        url,
        { clientId: deviceId, username: deviceId, password: secret, reconnectPeriod: 0 },
        { brokerLabel: "test Mosquitto", timeoutMs: 5000 },
      );
      // Bounded: the platform client retries every second; publish until one message makes it through.
      const deadline = Date.now() + 20_000;
      for (let attempt = 0; received.length === 0; attempt++) {
        assert.ok(Date.now() < deadline, "the platform client did not get back in after its user was deleted");
        await device.publishAsync(`yunxi/v1/devices/${deviceId}/up/events`, `after-repair-${attempt}`, { qos: 1 });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      assert.match(received[0] ?? "", /^after-repair-/);
    } finally {
      device?.end(true);
      await broker.revokeDevice(deviceId).catch(() => undefined);
      await broker.close();
    }
  });
});

after(async () => {
  const dynsec = await admin();
  try {
    for (const command of [
      { command: "deleteClient", username: platformUsername },
      { command: "deleteClient", username: `${platformUsername}-repair` },
      { command: "deleteRole", rolename: `${rolePrefix}platform` },
    ]) {
      await dynsec.execute(command).catch((error: unknown) => {
        if (!isYunxiError(error, "NotFound")) throw error;
      });
    }
    const roles = await dynsec.execute({ command: "listRoles", count: -1 });
    const left = ((roles.roles as unknown[] | undefined) ?? []).filter(
      (role) => typeof role === "string" && role.startsWith(rolePrefix),
    );
    assert.deepEqual(left, [], "roles created by this run are still in Mosquitto");
  } finally {
    await dynsec.close();
  }
});
