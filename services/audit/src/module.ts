import { defineModule } from "@yunxi/platform";

/** Tamper-evident evidence ledger (hash chain and Merkle checkpoints) and analytics. */
export const auditModule = defineModule({
  name: "audit",
  description: "Tamper-evident evidence ledger (hash chain and Merkle checkpoints) and analytics",
  uses: ["database", "events"],
  async start(context) {
    context.logger.debug({ dataDir: context.dataDir }, "module ready");
  },
});
