import type protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { ApprovalEvent } from "../../domain/events.js";

/** Topic of each event (see proto/yunxi/approval/v1/events.proto). */
export const APPROVAL_TOPICS = Object.freeze({
  ApplicationSubmitted: "yunxi.approval.v1.application-submitted",
  ApplicationApproved: "yunxi.approval.v1.application-approved",
  ApplicationRejected: "yunxi.approval.v1.application-rejected",
  ApplicationWithdrawn: "yunxi.approval.v1.application-withdrawn",
  SealBound: "yunxi.approval.v1.seal-bound",
  SealUnbound: "yunxi.approval.v1.seal-unbound",
} satisfies Record<ApprovalEvent["type"], string>);

/** A message type of proto/yunxi/approval/v1/events.proto. */
export function approvalEventType(name: ApprovalEvent["type"]): protobuf.Type {
  return protoMessageType("yunxi/approval/v1/events.proto", `yunxi.approval.v1.${name}`);
}

function payloadOf(event: ApprovalEvent): Record<string, unknown> {
  const at = event.occurredAt.toISOString();
  if (event.type === "SealBound") return { sealId: event.sealId, organisationId: event.organisationId, deviceId: event.deviceId, boundBy: event.actorUserId, boundAt: at };
  if (event.type === "SealUnbound") return { sealId: event.sealId, organisationId: event.organisationId, deviceId: event.deviceId, unboundBy: event.actorUserId, unboundAt: at };
  const base = { applicationId: event.applicationId, organisationId: event.organisationId, sealId: event.sealId, applicantUserId: event.applicantUserId, revision: event.revision };
  switch (event.type) {
    case "ApplicationSubmitted":
      return { ...base, impressionCount: event.impressionCount, documents: event.documents.map((d) => ({ ...d })), submittedAt: at };
    case "ApplicationApproved":
      return { ...base, impressionCount: event.impressionCount, documents: event.documents.map((d) => ({ ...d })), deviceId: event.deviceId ?? "", approvedBy: event.approvedBy, approvedAt: at };
    case "ApplicationRejected":
      return { ...base, rejectedBy: event.rejectedBy, rejectedAt: at };
    case "ApplicationWithdrawn":
      return { ...base, withdrawnAt: at };
  }
}

/** The bus message of an event; the key is the aggregate (application or seal), so its events stay in order. */
export function toBusMessage(event: ApprovalEvent): BusMessage {
  const aggregateId = "applicationId" in event ? event.applicationId : event.sealId;
  return encodeEvent({
    topic: APPROVAL_TOPICS[event.type],
    type: approvalEventType(event.type),
    payload: payloadOf(event),
    organisationId: event.organisationId,
    aggregateId,
    occurredAt: event.occurredAt,
  });
}
