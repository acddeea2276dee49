import type protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { OrganisationEvent } from "../../app/ports.js";

export const ORGANISATION_TOPICS = Object.freeze({
  OrganisationCreated: "yunxi.organisation.v1.organisation-created",
  MemberJoined: "yunxi.organisation.v1.member-joined",
  MemberRolesChanged: "yunxi.organisation.v1.member-roles-changed",
});

/** A message type of proto/yunxi/organisation/v1/events.proto. */
export function organisationEventType(name: OrganisationEvent["type"]): protobuf.Type {
  return protoMessageType("yunxi/organisation/v1/events.proto", `yunxi.organisation.v1.${name}`);
}

function payloadOf(event: OrganisationEvent): Record<string, unknown> {
  const occurredAt = event.occurredAt.toISOString();
  switch (event.type) {
    case "OrganisationCreated":
      return { organisationId: event.organisationId, code: event.code, name: event.name, founderUserId: event.founderUserId, occurredAt };
    case "MemberJoined":
      return { organisationId: event.organisationId, userId: event.userId, roles: [...event.roles], occurredAt };
    case "MemberRolesChanged":
      return { organisationId: event.organisationId, userId: event.userId, previousRoles: [...event.previousRoles], roles: [...event.roles], changedBy: event.changedBy, occurredAt };
  }
}

/** The bus message for an event; the key is the organisation, so one organisation's events stay in order. */
export function toBusMessage(event: OrganisationEvent): BusMessage {
  return encodeEvent({
    topic: ORGANISATION_TOPICS[event.type],
    type: organisationEventType(event.type),
    payload: payloadOf(event),
    organisationId: event.organisationId,
    aggregateId: event.organisationId,
    occurredAt: event.occurredAt,
  });
}
