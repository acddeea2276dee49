import { fileURLToPath } from "node:url";
import {
  createTokenVerifier,
  defineModule,
  failedPrecondition,
  OutboxRelay,
  PgliteSqlDatabase,
  PgSqlDatabase,
  prismaAdapterFor,
  schemaNameOf,
  type Logger,
  type SqlDatabase,
  type TokenVerifier,
} from "@yunxi/platform";
import { Ed25519CheckpointSigner } from "./adapters/crypto/ed25519-checkpoint-signer.js";
import { PrismaLedgerRepository } from "./adapters/db/prisma-ledger-repository.js";
import { subscribeLedger } from "./adapters/events/ledger-consumer.js";
import { auditServiceDefinition, makeAuditGrpc } from "./adapters/grpc/audit-grpc.js";
import { makeEvidenceLedger, type EvidenceLedger } from "./app/evidence-ledger.js";
import type { CheckpointSigner } from "./app/ports.js";
import { auditConfig, type AuditConfig } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";

export interface AuditParts {
  readonly ledger: EvidenceLedger;
  readonly prisma: PrismaClient;
  readonly signer: CheckpointSigner;
}

/** The ledger's use cases over a database handle bound to the audit schema (migrations already applied). */
export async function createAudit(db: SqlDatabase, config: Pick<AuditConfig, "CHECKPOINT_EVERY" | "SIGNING_KEY">): Promise<AuditParts> {
  if (!(db instanceof PgSqlDatabase || db instanceof PgliteSqlDatabase)) throw failedPrecondition("the audit service needs a PostgreSQL or PGlite database handle");
  const prisma = new PrismaClient({ adapter: prismaAdapterFor(db) });
  const signer = await Ed25519CheckpointSigner.loadOrCreate(prisma, config.SIGNING_KEY);
  const ledger = makeEvidenceLedger({ repository: new PrismaLedgerRepository(db, prisma), signer, clock: { now: () => new Date() }, checkpointEvery: config.CHECKPOINT_EVERY });
  return { ledger, prisma, signer };
}

/** Serves AuditService over a ledger; split out so handler tests can inject their own token verifier. */
export function auditGrpc(ledger: EvidenceLedger, verifier: TokenVerifier, logger: Logger) {
  const { service, packageDefinition } = auditServiceDefinition();
  return { service, packageDefinition, implementation: makeAuditGrpc(ledger, verifier, logger) };
}

/** Tamper-evident evidence ledger: per-organisation hash chain, signed Merkle checkpoints, inclusion proofs. */
export const auditModule = defineModule({
  name: "audit",
  description: "Tamper-evident evidence ledger (hash chain and Merkle checkpoints) and analytics",
  config: auditConfig,
  uses: ["database", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(ctx) {
    const config = ctx.config as AuditConfig;
    const db = await ctx.infrastructure.database(schemaNameOf(ctx.name));
    const { ledger, prisma, signer } = await createAudit(db, config);
    ctx.onStop(() => prisma.$disconnect());
    const bus = await ctx.infrastructure.eventBus();
    const relay = new OutboxRelay({ db, bus, logger: ctx.logger });
    relay.start();
    ctx.onStop(() => relay.stop());
    const subscription = await subscribeLedger({ bus, topics: config.TOPICS, ledger, logger: ctx.logger });
    ctx.onStop(() => subscription.close());
    const grpc = auditGrpc(ledger, createTokenVerifier(ctx.platform), ctx.logger);
    ctx.grpc.addService(grpc.service, grpc.implementation, grpc.packageDefinition);
    ctx.logger.info({ topics: config.TOPICS, checkpointEvery: config.CHECKPOINT_EVERY, keyId: signer.keyId }, "evidence ledger ready");
  },
});
