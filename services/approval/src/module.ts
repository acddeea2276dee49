import { defineModule } from "@yunxi/platform";

/** Seal registry, stamp applications, approval flows, decisions, electronic-seal signing. */
export const approvalModule = defineModule({
  name: "approval",
  description: "Seal registry, stamp applications, approval flows, decisions, electronic-seal signing",
  uses: ["database", "events"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
