import { createRootLogger } from "../logging/logger.js";
import { AedesDeviceBroker } from "./aedes-device-broker.js";
import { deviceBrokerContract } from "./device-broker.contract.js";

deviceBrokerContract(
  "AedesDeviceBroker",
  () => AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, logger: createRootLogger({ level: "warn" }) }),
  // aedes 1.x speaks MQTT 3.1.1 only.
  { deviceProtocolVersions: [4] },
);
