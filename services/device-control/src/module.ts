import { defineModule } from "@yunxi/platform";

/** Smart seal devices: MQTT protocol, shadow, commands, authorisations, stamp records, alarms, OTA. */
export const deviceControlModule = defineModule({
  name: "device-control",
  description: "Smart seal devices: MQTT protocol, shadow, commands, authorisations, stamp records, alarms, OTA",
  uses: ["database", "events", "mqtt"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
