import { fileURLToPath } from "node:url";
import { createTokenVerifier, defineModule, OutboxRelay, schemaNameOf, type Logger } from "@yunxi/platform";
import { organisationPrismaClient } from "./adapters/db/prisma-client.js";
import { PrismaNotificationRepository } from "./adapters/db/prisma-notification-repository.js";
import { PrismaOrganisationRepository } from "./adapters/db/prisma-organisation-repository.js";
import { subscribeAlarmNotifications } from "./adapters/events/alarm-consumers.js";
import { makeNotificationGrpc } from "./adapters/grpc/notification-grpc.js";
import { makeOrganisationGrpc, organisationServiceDefinition } from "./adapters/grpc/organisation-grpc.js";
import { NodeHttpAlarmSender } from "./adapters/http/node-http-alarm-sender.js";
import { DeliveryWorker, makeAlarmDelivery } from "./app/alarm-delivery.js";
import { makeNotificationService } from "./app/notification-service.js";
import { makeOrganisationService } from "./app/organisation-service.js";
import { organisationConfig, type OrganisationConfig } from "./config.js";
import { destinationPolicyFromSettings, type DestinationPolicy } from "./domain/destination-policy.js";

/**
 * Organisations and their unique codes, one level of departments, memberships with built-in roles, and
 * the organisation's notification channels, to which it delivers device and OCR alarms.
 */
export const organisationModule = defineModule({
  name: "organisation",
  description: "Organisations, organisation codes, departments, memberships, roles and alarm notifications",
  config: organisationConfig,
  uses: ["database", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const { config } = context;
    const db = await context.infrastructure.database(schemaNameOf(context.name));
    const prisma = organisationPrismaClient(db);
    const bus = await context.infrastructure.eventBus();
    const relay = new OutboxRelay({ db, bus, logger: context.logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
    relay.start();
    context.onStop(async () => {
      await relay.stop();
      await prisma.$disconnect();
    });
    const verifier = createTokenVerifier(context.platform);
    const repository = new PrismaOrganisationRepository(prisma, () => relay.nudge());
    const service = makeOrganisationService({ repository, verifier, logger: context.logger });

    const notifications = new PrismaNotificationRepository(prisma);
    const destinations = destinationPolicy(config, context.platform.DATABASE_URL === undefined, context.logger);
    const sender = new NodeHttpAlarmSender({ policy: destinations });
    const delivery = makeAlarmDelivery({
      repository: notifications,
      sender,
      logger: context.logger,
      timeoutMs: config.ALARM_DELIVERY_TIMEOUT_MS,
      policy: { firstDelayMs: config.ALARM_DELIVERY_FIRST_RETRY_DELAY_MS, maxDelayMs: config.ALARM_DELIVERY_MAX_RETRY_DELAY_MS, giveUpAfterMs: config.ALARM_DELIVERY_GIVE_UP_AFTER_MS },
    });
    const worker = new DeliveryWorker(delivery, context.logger, config.ALARM_DELIVERY_POLL_INTERVAL_MS);
    worker.start();
    context.onStop(() => worker.stop());
    const subscription = await subscribeAlarmNotifications(bus, (alarm) => delivery.record(alarm), () => worker.nudge(), context.logger);
    context.onStop(() => subscription.close());
    const notificationService = makeNotificationService({ repository: notifications, organisations: repository, sender, destinations, verifier, logger: context.logger, timeoutMs: config.ALARM_DELIVERY_TIMEOUT_MS });

    const { service: definition, packageDefinition } = organisationServiceDefinition();
    context.grpc.addService(definition, { ...makeOrganisationGrpc(service, context.logger), ...makeNotificationGrpc(notificationService, context.logger) }, packageDefinition);
  },
});

function destinationPolicy(config: OrganisationConfig, embedded: boolean, logger: Logger): DestinationPolicy {
  const { policy, allowed, embeddedDefault } = destinationPolicyFromSettings(config.ALARM_DELIVERY_ALLOWED_NETWORKS, config.ALARM_DELIVERY_DENIED_NETWORKS, embedded);
  if (embeddedDefault) logger.warn({ allowed }, "embedded mode: alarm deliveries may reach loopback receivers (development only; ORGANISATION_ALARM_DELIVERY_ALLOWED_NETWORKS=none refuses them)");
  return policy;
}
