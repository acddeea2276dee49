import { fileURLToPath } from "node:url";
import { createDeviceUploadTokens, createTokenVerifier, defineModule, OutboxRelay, platformSigningSecret, schemaNameOf, serviceTokensFor } from "@yunxi/platform";
import { mediaPrismaClient, PrismaMediaRepository } from "./adapters/db/prisma-media-repository.js";
import { makeMediaGrpc, mediaServiceDefinition } from "./adapters/grpc/media-grpc.js";
import { GrpcDataKeys } from "./adapters/keys/grpc-data-keys.js";
import { makeMediaService } from "./app/media-service.js";
import { mediaConfig, type MediaConfig } from "./config.js";

/** Photos and videos: upload, encryption at rest with keys from key-management, quotas, download. */
export const mediaModule = defineModule({
  name: "media",
  description: "Photos and videos: upload, encryption at rest, quotas, retention, download, export",
  config: mediaConfig,
  uses: ["database", "events", "blobs"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const config = context.config as MediaConfig;
    const db = await context.infrastructure.database(schemaNameOf(context.name));
    const prisma = mediaPrismaClient(db);
    const relay = new OutboxRelay({ db, bus: await context.infrastructure.eventBus(), logger: context.logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
    relay.start();
    const keys = new GrpcDataKeys({ address: context.peers.address("key-management"), keyName: config.KEY_NAME, deadlineMs: config.KEY_MANAGEMENT_DEADLINE_MS });
    context.onStop(async () => {
      keys.close();
      await relay.stop();
      await prisma.$disconnect();
    });
    const service = makeMediaService({
      repository: new PrismaMediaRepository(prisma),
      blobs: await context.infrastructure.blobStore(),
      keys,
      verifier: createTokenVerifier(context.platform),
      clock: { now: () => new Date() },
      logger: context.logger,
      settings: {
        deviceQuotaBytes: config.DEVICE_QUOTA_BYTES,
        maxObjectBytes: config.MAX_OBJECT_BYTES,
        uploadUrlSeconds: config.UPLOAD_URL_SECONDS,
        uploadTtlSeconds: config.UPLOAD_TTL_SECONDS,
        chunkBytes: config.CHUNK_BYTES,
      },
      deviceUploads: createDeviceUploadTokens(platformSigningSecret(context.platform)),
      serviceTokens: serviceTokensFor(context.platform, context.name),
      afterEventsCommitted: () => relay.nudge(),
    });
    const { service: definition, packageDefinition } = mediaServiceDefinition();
    context.grpc.addService(definition, makeMediaGrpc(service, context.logger), packageDefinition);
  },
});
