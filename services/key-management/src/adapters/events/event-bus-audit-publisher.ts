import type protobuf from "protobufjs";
import { appendToOutbox, encodeEvent, type BusMessage, type EventBus, type SqlDatabase } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { AuditPublisher, KeyOperationEvent } from "../../app/ports.js";

export const KEY_OPERATION_TOPIC = "yunxi.key-management.v1.key-operation";
/** Relay events belong to the QKD network, not to an organisation. */
const PLATFORM_ORGANISATION = "platform";

/** The KeyOperationEvent protobuf type from proto/yunxi/key_management/v1/events.proto. */
export function keyOperationEventType(): protobuf.Type {
  return protoMessageType("yunxi/key_management/v1/events.proto", "yunxi.key_management.v1.KeyOperationEvent");
}

/** The bus message of one key-operation event (key = organisation, so one organisation's events stay in order). */
export function keyOperationMessage(type: protobuf.Type, event: KeyOperationEvent): BusMessage {
  const organisationId = event.organisationId || PLATFORM_ORGANISATION;
  return encodeEvent({
    topic: KEY_OPERATION_TOPIC,
    type,
    organisationId,
    aggregateId: organisationId,
    occurredAt: event.occurredAt,
    payload: {
      operation: event.operation,
      outcome: event.outcome,
      actor: event.actor,
      organisationId: event.organisationId,
      keyName: event.keyName,
      keyVersion: event.keyVersion,
      securityLevel: event.securityLevel,
      qkdKeyIds: [...event.qkdKeyIds],
      path: [...event.path],
      detail: event.detail,
      occurredAt: event.occurredAt.toISOString(),
    },
  });
}

/**
 * Publishes key-operation audit events straight on the event bus. Publishing is awaited, so an
 * operation whose event cannot be delivered fails rather than going unrecorded. The module uses
 * `OutboxAuditPublisher` instead; this one serves deployments without the service database.
 */
export class EventBusAuditPublisher implements AuditPublisher {
  private readonly type = keyOperationEventType();

  constructor(private readonly bus: EventBus) {}

  async publish(event: KeyOperationEvent): Promise<void> {
    await this.bus.publish([keyOperationMessage(this.type, event)]);
  }
}

/**
 * Writes key-operation audit events to the service's transactional outbox (`outbox_event`), each in its
 * own statement; the module's `OutboxRelay` publishes them on topic `yunxi.key-management.v1.key-operation`.
 * For operations that change nothing (decrypt, refusals, relay hops); key changes append theirs on the
 * change's transaction through the Prisma stores. `afterAppend` lets the module nudge the relay.
 */
export class OutboxAuditPublisher implements AuditPublisher {
  private readonly type = keyOperationEventType();

  constructor(
    private readonly db: SqlDatabase,
    private readonly afterAppend: () => void = () => undefined,
  ) {}

  async publish(event: KeyOperationEvent): Promise<void> {
    await appendToOutbox(this.db, keyOperationMessage(this.type, event));
    this.afterAppend();
  }
}
