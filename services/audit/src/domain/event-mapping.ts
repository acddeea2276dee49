import { toCanonicalValue, type CanonicalValue } from "./canonical-json.js";
import type { EntryDraft } from "./entry.js";

/** The envelope facts of a bus event (CloudEvents headers) the ledger records. */
export interface EventFacts {
  readonly eventId: string;
  /** ce_type, e.g. `yunxi.organisation.v1.MemberJoined`. */
  readonly type: string;
  /** ce_source, e.g. `/yunxi/organisation`. */
  readonly source: string;
  readonly organisationId: string;
  readonly aggregateId: string;
  readonly occurredAt: string;
}

/** The payload as the ledger got it: decoded when its type is known, else the raw protobuf bytes. */
export type EventBody = { readonly decoded: Record<string, unknown> } | { readonly raw: Uint8Array };

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();

const cleanPart = (part: string) => part.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "unknown";

/**
 * `<service>.<event>` from the envelope alone, so a new event type needs no code here: the service from
 * ce_source (`/yunxi/key-management`), else from the type's package; the event from the message name in
 * kebab case without a trailing `Event` — `yunxi.organisation.v1.MemberJoined` → `organisation.member-joined`.
 */
export function kindOf(type: string, source: string): string {
  const parts = type.split(".");
  const fromSource = /^\/yunxi\/([^/]+)/.exec(source)?.[1];
  const service = cleanPart(fromSource ?? (parts.length >= 3 ? (parts[parts.length - 3] ?? "") : "unknown").replaceAll("_", "-"));
  const message = parts[parts.length - 1] ?? "";
  const event = cleanPart(kebab(message).replace(/-event$/, ""));
  return `${/^[a-z]/.test(service) ? service : `x${service}`}.${event}`;
}

const stringField = (payload: Record<string, unknown>, ...names: string[]): string => {
  for (const name of names) {
    const value = payload[name];
    if (typeof value === "string" && value.length > 0) return value.slice(0, 200);
  }
  return "";
};

/**
 * The ledger entry for a bus event. Subject ids come from well-known payload fields (applicationId,
 * deviceId, impressionId, actorUserId/userId/actor) and the aggregate from ce_subject; the payload is
 * kept with its type name, decoded to canonical JSON or, for a type this build does not know, as base64.
 */
export function draftFromEvent(facts: EventFacts, body: EventBody): EntryDraft {
  const decoded = "decoded" in body ? body.decoded : {};
  const payload: Record<string, CanonicalValue> =
    "decoded" in body ? { type: facts.type, data: toCanonicalValue(body.decoded) } : { type: facts.type, protobufBase64: Buffer.from(body.raw).toString("base64") };
  return {
    organisationId: facts.organisationId,
    occurredAt: new Date(facts.occurredAt),
    kind: kindOf(facts.type, facts.source),
    sourceEventId: facts.eventId,
    subjects: {
      applicationId: stringField(decoded, "applicationId"),
      deviceId: stringField(decoded, "deviceId"),
      impressionId: stringField(decoded, "impressionId"),
      actorUserId: stringField(decoded, "actorUserId", "userId", "actor"),
      aggregateId: facts.aggregateId.slice(0, 200),
    },
    payload,
  };
}
