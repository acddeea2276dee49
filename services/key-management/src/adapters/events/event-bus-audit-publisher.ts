import { join } from "node:path";
import protobuf from "protobufjs";
import { encodeEvent, type EventBus } from "@yunxi/platform";
import { PROTO_ROOT } from "@yunxi/proto";
import type { AuditPublisher, KeyOperationEvent } from "../../app/ports.js";

export const KEY_OPERATION_TOPIC = "yunxi.key-management.v1.key-operation";
/** Relay events belong to the QKD network, not to an organisation. */
const PLATFORM_ORGANISATION = "platform";

/** The KeyOperationEvent protobuf type from proto/yunxi/key_management/v1/events.proto. */
export function keyOperationEventType(): protobuf.Type {
  const root = protobuf.loadSync(join(PROTO_ROOT, "yunxi/key_management/v1/events.proto"));
  return root.lookupType("yunxi.key_management.v1.KeyOperationEvent");
}

/**
 * Publishes key-operation audit events on the event bus (topic `yunxi.key-management.v1.key-operation`,
 * key = organisation) for the audit service's ledger. Publishing is awaited, so an operation whose
 * audit event cannot be delivered fails rather than going unrecorded.
 */
export class EventBusAuditPublisher implements AuditPublisher {
  private readonly type = keyOperationEventType();

  constructor(private readonly bus: EventBus) {}

  async publish(event: KeyOperationEvent): Promise<void> {
    const organisationId = event.organisationId || PLATFORM_ORGANISATION;
    const message = encodeEvent({
      topic: KEY_OPERATION_TOPIC,
      type: this.type,
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
    await this.bus.publish([message]);
  }
}
