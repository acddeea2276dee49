import { fileURLToPath } from "node:url";
import { createTokenVerifier, defineModule, OutboxRelay, schemaNameOf } from "@yunxi/platform";
import { organisationPrismaClient } from "./adapters/db/prisma-client.js";
import { PrismaOrganisationRepository } from "./adapters/db/prisma-organisation-repository.js";
import { makeOrganisationGrpc, organisationServiceDefinition } from "./adapters/grpc/organisation-grpc.js";
import { makeOrganisationService } from "./app/organisation-service.js";
import { organisationConfig } from "./config.js";

/** Organisations and their unique codes, one level of departments, memberships with built-in roles. */
export const organisationModule = defineModule({
  name: "organisation",
  description: "Organisations, organisation codes, departments, memberships and roles",
  config: organisationConfig,
  uses: ["database", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const db = await context.infrastructure.database(schemaNameOf(context.name));
    const prisma = organisationPrismaClient(db);
    const relay = new OutboxRelay({ db, bus: await context.infrastructure.eventBus(), logger: context.logger, pollIntervalMs: context.config.OUTBOX_POLL_INTERVAL_MS });
    relay.start();
    context.onStop(async () => {
      await relay.stop();
      await prisma.$disconnect();
    });
    const service = makeOrganisationService({
      repository: new PrismaOrganisationRepository(prisma, () => relay.nudge()),
      verifier: createTokenVerifier(context.platform),
      logger: context.logger,
    });
    const { service: definition, packageDefinition } = organisationServiceDefinition();
    context.grpc.addService(definition, makeOrganisationGrpc(service, context.logger), packageDefinition);
  },
});
