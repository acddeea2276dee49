import { fileURLToPath } from "node:url";
import { createTokenVerifier, defineModule, OutboxRelay, schemaNameOf, serviceTokensFor } from "@yunxi/platform";
import { approvalPrismaClient } from "./adapters/db/prisma-client.js";
import { PrismaApprovalRepository } from "./adapters/db/prisma-approval-repository.js";
import { GrpcDeviceDirectory } from "./adapters/device-control/grpc-device-directory.js";
import { approvalServiceDefinition, makeApprovalGrpc } from "./adapters/grpc/approval-grpc.js";
import { makeApprovalService } from "./app/approval-service.js";
import { approvalConfig } from "./config.js";

/** Seal registry (physical seals bound to devices, electronic seals), stamp applications and their approval. */
export const approvalModule = defineModule({
  name: "approval",
  description: "Seal registry, stamp applications, approval flows, decisions, electronic-seal signing",
  config: approvalConfig,
  uses: ["database", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const db = await context.infrastructure.database(schemaNameOf(context.name));
    const prisma = approvalPrismaClient(db);
    const relay = new OutboxRelay({ db, bus: await context.infrastructure.eventBus(), logger: context.logger, pollIntervalMs: context.config.OUTBOX_POLL_INTERVAL_MS });
    relay.start();
    context.onStop(async () => {
      await relay.stop();
      await prisma.$disconnect();
    });
    // Binding asks device-control on approval's own behalf (the binding user need not hold a device permission).
    const tokens = serviceTokensFor(context.platform, context.name);
    const devices = new GrpcDeviceDirectory(context.peers.address("device-control"), () => tokens.token(), context.logger, context.config.DEVICE_CHECK_TIMEOUT_MS);
    context.onStop(() => devices.close());
    const service = makeApprovalService({
      repository: new PrismaApprovalRepository(prisma, () => relay.nudge()),
      devices,
      verifier: createTokenVerifier(context.platform),
      logger: context.logger,
    });
    const { service: definition, packageDefinition } = approvalServiceDefinition();
    context.grpc.addService(definition, makeApprovalGrpc(service, context.logger), packageDefinition);
  },
});
