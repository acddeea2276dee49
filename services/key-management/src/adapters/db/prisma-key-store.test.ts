import { createRootLogger, EmbeddedPostgres, unavailable } from "@yunxi/platform";
import type { KeyOperationEvent } from "../../app/ports.js";
import { MemoryAuditPublisher } from "../memory/memory-audit-publisher.js";
import { MemoryKeyStore, MemoryPolicyStore } from "../memory/memory-key-store.js";
import { keyStoreContract } from "./key-store.contract.js";
import { prismaStoresUnderTest } from "./prisma-under-test.js";

keyStoreContract("PrismaKeyStore on embedded PGlite", async () => {
  const embedded = await EmbeddedPostgres.open();
  const db = await embedded.database("key_management");
  return prismaStoresUnderTest(db, "key_management", createRootLogger({ level: "silent" }), () => embedded.close());
});

/** The memory stores' audit log, able to refuse events as a failing outbox write would. */
class RefusingAuditLog extends MemoryAuditPublisher {
  refusing = false;

  override record(events: readonly KeyOperationEvent[]): void {
    if (this.refusing) throw unavailable("audit log refused the events");
    super.record(events);
  }
}

keyStoreContract("MemoryKeyStore", async () => {
  const log = new RefusingAuditLog();
  return {
    keys: new MemoryKeyStore(log),
    policies: new MemoryPolicyStore(log),
    events: async () => log.events.map(({ operation, actor, organisationId, keyName, keyVersion }) => ({ operation, actor, organisationId, keyName, keyVersion })),
    refuseEvents: async () => void (log.refusing = true),
    acceptEvents: async () => void (log.refusing = false),
    close: async () => undefined,
  };
});
