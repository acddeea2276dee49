import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { requireTestServer, testSetting } from "../testing/servers.js";
import { deviceBrokerContract } from "./device-broker.contract.js";
import { MosquittoDeviceBroker } from "./mosquitto-device-broker.js";
import { MosquittoDynamicSecurity } from "./mosquitto-dynamic-security.js";

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

after(async () => {
  const dynsec = await admin();
  try {
    for (const command of [
      { command: "deleteClient", username: platformUsername },
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
