import type protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";

export const ACCOUNT_REGISTERED_TOPIC = "yunxi.identity.v1.account-registered";

/** A message type from proto/yunxi/identity/v1/events.proto. */
export function identityEventType(name: "AccountRegistered"): protobuf.Type {
  return protoMessageType("yunxi/identity/v1/events.proto", `yunxi.identity.v1.${name}`);
}

/** The AccountRegistered event; key = the account id, tenant = the organisation joined or created. */
export function accountRegisteredEvent(input: { accountId: string; organisationId: string; createdOrganisation: boolean; at: Date }): BusMessage {
  return encodeEvent({
    topic: ACCOUNT_REGISTERED_TOPIC,
    type: identityEventType("AccountRegistered"),
    organisationId: input.organisationId,
    aggregateId: input.accountId,
    occurredAt: input.at,
    payload: {
      accountId: input.accountId,
      organisationId: input.organisationId,
      createdOrganisation: input.createdOrganisation,
      registeredAt: input.at.toISOString(),
    },
  });
}
