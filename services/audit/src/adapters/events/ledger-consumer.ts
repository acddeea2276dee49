import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import protobuf from "protobufjs";
import { decodeEvent, isYunxiError, readMetadata, type DeliveredMessage, type EventBus, type Logger, type Subscription } from "@yunxi/platform";
import { PROTO_ROOT } from "@yunxi/proto";
import type { EvidenceLedger } from "../../app/evidence-ledger.js";
import { draftFromEvent, type EventBody } from "../../domain/event-mapping.js";

/** The consumer group the ledger reads every topic with. */
export const LEDGER_GROUP = "audit.ledger";

/**
 * Looks up event payload types by their full name across every `yunxi/<service>/v1/events.proto` of this
 * build, so the ledger decodes whatever events the build knows about without a list in code.
 */
export function loadEventTypes(protoRoot: string = PROTO_ROOT): (typeName: string) => protobuf.Type | undefined {
  const base = join(protoRoot, "yunxi");
  const files = readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(base, d.name), { withFileTypes: true }).filter((v) => v.isDirectory()).map((v) => join(base, d.name, v.name, "events.proto")))
    .filter((file) => existsSync(file));
  const roots: protobuf.Root[] = [];
  for (const file of files) {
    const root = new protobuf.Root();
    root.resolvePath = (origin, target) => (existsSync(join(protoRoot, target)) ? join(protoRoot, target) : protobuf.util.path.resolve(origin, target));
    try {
      root.loadSync(file);
      roots.push(root);
    } catch {
      // One broken file must not hide the others' types; its events are recorded as raw bytes.
    }
  }
  return (typeName) => {
    for (const root of roots) {
      const found = root.lookup(typeName);
      if (found instanceof protobuf.Type) return found;
    }
    return undefined;
  };
}

export interface LedgerConsumerOptions {
  readonly bus: EventBus;
  readonly topics: readonly string[];
  readonly ledger: Pick<EvidenceLedger, "ingest">;
  readonly logger: Logger;
  readonly types?: (typeName: string) => protobuf.Type | undefined;
}

/** Builds the handler: envelope → ledger entry, once per event id. */
export function ledgerHandler(options: Omit<LedgerConsumerOptions, "bus" | "topics">): (message: DeliveredMessage) => Promise<void> {
  const types = options.types ?? loadEventTypes();
  const { ledger, logger } = options;
  return async (message) => {
    let facts;
    try {
      facts = readMetadata(message.headers);
    } catch (error) {
      // Retrying cannot repair a malformed envelope and would block the partition; record why, move on.
      logger.error({ topic: message.topic, position: message.position, violations: isYunxiError(error) ? error.violations : undefined }, "event without a well-formed envelope not recorded");
      return;
    }
    let body: EventBody = { raw: message.value };
    const type = types(facts.type);
    if (type) {
      try {
        body = { decoded: decodeEvent(message, type).payload };
      } catch {
        logger.warn({ topic: message.topic, eventId: facts.eventId, type: facts.type }, "event payload does not decode; recorded as raw bytes");
      }
    }
    try {
      const created = await ledger.ingest(LEDGER_GROUP, draftFromEvent(facts, body));
      logger.debug({ topic: message.topic, eventId: facts.eventId, created }, "event recorded");
    } catch (error) {
      if (!isYunxiError(error, "InvalidArgument")) throw error;
      logger.error({ topic: message.topic, eventId: facts.eventId, violations: error.violations }, "event cannot become a ledger entry; not recorded");
    }
  };
}

/** Subscribes the ledger to the configured topics (group `audit.ledger`, from the beginning). */
export function subscribeLedger(options: LedgerConsumerOptions): Promise<Subscription> {
  return options.bus.subscribe({ groupId: LEDGER_GROUP, topics: options.topics, fromBeginning: true, handle: ledgerHandler(options) });
}
