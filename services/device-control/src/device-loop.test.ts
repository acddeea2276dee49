import { AedesDeviceBroker, createRootLogger, MemoryDeviceCredentialStore } from "@yunxi/platform";
import { deviceLoopContract } from "./device-loop.contract.js";

// One credential store across broker restarts, as the persistent store device-control will provide.
const credentials = new MemoryDeviceCredentialStore();
const logger = createRootLogger({ level: "warn" });

deviceLoopContract("embedded aedes broker (MQTT 3.1.1)", async () => {
  const broker = await AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, credentials, logger });
  return { broker, protocolVersion: 4, close: () => broker.close() };
});
