import { join } from "node:path";
import protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { PROTO_ROOT } from "@yunxi/proto";

export const ACCOUNT_REGISTERED_TOPIC = "yunxi.identity.v1.account-registered";

let eventsRoot: protobuf.Root | undefined;

/** A message type from proto/yunxi/identity/v1/events.proto. */
export function identityEventType(name: "AccountRegistered"): protobuf.Type {
  eventsRoot ??= protobuf.loadSync(join(PROTO_ROOT, "yunxi/identity/v1/events.proto"));
  return eventsRoot.lookupType(`yunxi.identity.v1.${name}`);
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
