import { createHmac } from "node:crypto";
import { createRootLogger, MosquittoDeviceBroker } from "@yunxi/platform";
import { requireTestServer, testSetting } from "@yunxi/platform/testing";
import { deviceLoopContract } from "./device-loop.contract.js";

const logger = createRootLogger({ level: "warn" });

// Fixed names, so repeated runs reuse one platform user and role instead of leaving new ones behind; the
// suite revokes (deletes the client and role of) every device it provisioned.
deviceLoopContract("Mosquitto with dynamic security (MQTT 5)", async () => {
  const url = await requireTestServer("mqtt");
  const adminPassword = testSetting("YUNXI_TEST_MQTT_ADMIN_PASSWORD");
  const broker = await MosquittoDeviceBroker.start({
    url,
    adminUsername: testSetting("YUNXI_TEST_MQTT_ADMIN_USER"),
    adminPassword,
    platformUsername: "yunxi-test-device-control",
    platformPassword: createHmac("sha256", adminPassword).update("device-control-loop-test").digest("base64url"),
    rolePrefix: "yunxi-test-dc-",
    logger,
  });
  return { broker, protocolVersion: 5, close: () => broker.close() };
});
