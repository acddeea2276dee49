import { randomUUID } from "node:crypto";
import { context as otelContext, propagation, ROOT_CONTEXT, type Context } from "@opentelemetry/api";
import type protobuf from "protobufjs";
import { invalidArgument, type FieldViolation } from "../errors/errors.js";
import type { BusMessage } from "./event-bus.js";

/**
 * Header names of the envelope. They follow the CloudEvents Kafka protocol binding (binary content mode,
 * `ce_` prefix, lower-case extension names) so that off-the-shelf tooling can read Yunxi events; trace
 * context uses the plain W3C names that OpenTelemetry's Kafka instrumentations read.
 */
export const EVENT_HEADERS = Object.freeze({
  specVersion: "ce_specversion",
  id: "ce_id",
  type: "ce_type",
  source: "ce_source",
  time: "ce_time",
  subject: "ce_subject",
  organisationId: "ce_organisationid",
  schemaVersion: "ce_schemaversion",
  contentType: "content-type",
  traceparent: "traceparent",
  tracestate: "tracestate",
});

const SPEC_VERSION = "1.0";
const CONTENT_TYPE = "application/protobuf";

/** `yunxi.<service>.v<major>.<event>`; lower-case, dots separate the parts, dashes allowed within them. */
export const TOPIC_PATTERN = /^yunxi\.([a-z][a-z0-9-]*)\.v[1-9][0-9]*\.[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The metadata every Yunxi event carries in its headers. */
export interface EventMetadata {
  /** UUID; the idempotency key consumers record (see `handleOnce`). */
  readonly eventId: string;
  /** Fully-qualified protobuf message name of the payload, e.g. `yunxi.approval.v1.ApplicationApproved`. */
  readonly type: string;
  /** The producing service, `/yunxi/<service>`. */
  readonly source: string;
  readonly organisationId: string;
  /** The aggregate the event is about; also the bus key, so order holds per aggregate. */
  readonly aggregateId: string;
  /** ISO-8601 instant at which the state change happened (not when it was published). */
  readonly occurredAt: string;
  /** Major version of the payload schema; bump on a breaking change together with the topic's `v<n>`. */
  readonly schemaVersion: number;
}

export interface EventToEncode {
  readonly topic: string;
  /** The protobuf message type of the payload. */
  readonly type: protobuf.Type;
  /** Plain object checked with `Type.verify` before encoding. */
  readonly payload: Record<string, unknown>;
  readonly organisationId: string;
  readonly aggregateId: string;
  /** Defaults to a fresh UUID. */
  readonly eventId?: string;
  /** Defaults to now. */
  readonly occurredAt?: Date | string;
  /** Defaults to 1. */
  readonly schemaVersion?: number;
  /** Defaults to `/yunxi/<service>` taken from the topic. */
  readonly source?: string;
  /** Trace context to propagate; defaults to the active context. */
  readonly context?: Context;
}

export interface DecodedEvent<Payload = Record<string, unknown>> {
  readonly metadata: EventMetadata;
  readonly payload: Payload;
  /** The producer's trace context, to parent the consumer's span on. */
  readonly context: Context;
}

/** Conversion used for decoded payloads: JSON-safe values (64-bit integers and enums as strings). */
const DEFAULT_TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true };

/**
 * Builds a bus message from a domain event: metadata into headers, payload as protobuf bytes.
 * A payload that does not fit its type, or bad metadata, is an InvalidArgument and nothing is produced.
 */
export function encodeEvent(event: EventToEncode): BusMessage {
  const violations: FieldViolation[] = [];
  const service = TOPIC_PATTERN.exec(event.topic)?.[1];
  if (service === undefined) violations.push({ field: "topic", message: "must look like yunxi.<service>.v1.<event>" });
  if (!event.organisationId?.trim()) violations.push({ field: "organisationId", message: "must not be empty" });
  if (!event.aggregateId?.trim()) violations.push({ field: "aggregateId", message: "must not be empty" });
  const eventId = event.eventId ?? randomUUID();
  if (!UUID_PATTERN.test(eventId)) violations.push({ field: "eventId", message: "must be a UUID" });
  const schemaVersion = event.schemaVersion ?? 1;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    violations.push({ field: "schemaVersion", message: "must be a positive integer" });
  }
  const occurredAt = toIsoInstant(event.occurredAt ?? new Date());
  if (occurredAt === undefined) violations.push({ field: "occurredAt", message: "must be a valid instant" });
  const problem = event.type.verify(event.payload);
  if (problem !== null) violations.push({ field: "payload", message: problem });
  if (violations.length > 0) {
    throw invalidArgument(`invalid event ${event.type.fullName.replace(/^\./, "")}`, { violations });
  }

  const headers: Record<string, string> = {
    [EVENT_HEADERS.specVersion]: SPEC_VERSION,
    [EVENT_HEADERS.id]: eventId.toLowerCase(),
    [EVENT_HEADERS.type]: typeNameOf(event.type),
    [EVENT_HEADERS.source]: event.source ?? `/yunxi/${service ?? ""}`,
    [EVENT_HEADERS.time]: occurredAt ?? "",
    [EVENT_HEADERS.subject]: event.aggregateId,
    [EVENT_HEADERS.organisationId]: event.organisationId,
    [EVENT_HEADERS.schemaVersion]: String(schemaVersion),
    [EVENT_HEADERS.contentType]: CONTENT_TYPE,
  };
  // Only traceparent/tracestate come from the propagator; never let it overwrite envelope fields.
  const carrier: Record<string, string> = {};
  propagation.inject(event.context ?? otelContext.active(), carrier);
  for (const name of [EVENT_HEADERS.traceparent, EVENT_HEADERS.tracestate]) {
    const value = carrier[name];
    if (value !== undefined) headers[name] = value;
  }

  return {
    topic: event.topic,
    key: event.aggregateId,
    value: event.type.encode(event.payload).finish(),
    headers,
  };
}

/**
 * Reads the envelope of a delivered message and decodes its payload with the type the caller expects
 * (or looks it up by the `ce_type` header). A message that is not a well-formed Yunxi event, or whose
 * type is not the expected one, is an InvalidArgument.
 */
export function decodeEvent<Payload = Record<string, unknown>>(
  message: Pick<BusMessage, "headers" | "value">,
  types: protobuf.Type | ((typeName: string) => protobuf.Type | undefined),
  options: protobuf.IConversionOptions = DEFAULT_TO_OBJECT,
): DecodedEvent<Payload> {
  const metadata = readMetadata(message.headers);
  const type = typeof types === "function" ? types(metadata.type) : types;
  if (type === undefined) throw invalidArgument(`no payload type known for event type ${metadata.type}`);
  if (typeNameOf(type) !== metadata.type) {
    throw invalidArgument(`event type ${metadata.type} is not the expected ${typeNameOf(type)}`);
  }
  let decoded: protobuf.Message;
  try {
    decoded = type.decode(message.value);
  } catch (error) {
    throw invalidArgument(`payload of event ${metadata.eventId} is not a valid ${metadata.type}`, { cause: error });
  }
  return {
    metadata,
    payload: type.toObject(decoded, options) as Payload,
    context: propagation.extract(ROOT_CONTEXT, { ...message.headers }),
  };
}

/** Reads and checks the envelope headers without decoding the payload. */
export function readMetadata(headers: Readonly<Record<string, string>>): EventMetadata {
  const violations: FieldViolation[] = [];
  const required = (name: string): string => {
    const value = headers[name];
    if (value === undefined || value === "") violations.push({ field: name, message: "header is missing" });
    return value ?? "";
  };
  const eventId = required(EVENT_HEADERS.id);
  const type = required(EVENT_HEADERS.type);
  const source = required(EVENT_HEADERS.source);
  const organisationId = required(EVENT_HEADERS.organisationId);
  const aggregateId = required(EVENT_HEADERS.subject);
  const occurredAt = required(EVENT_HEADERS.time);
  const schemaVersionText = required(EVENT_HEADERS.schemaVersion);
  if (eventId && !UUID_PATTERN.test(eventId)) violations.push({ field: EVENT_HEADERS.id, message: "must be a UUID" });
  const schemaVersion = Number(schemaVersionText);
  if (schemaVersionText && (!Number.isInteger(schemaVersion) || schemaVersion < 1)) {
    violations.push({ field: EVENT_HEADERS.schemaVersion, message: "must be a positive integer" });
  }
  if (occurredAt && toIsoInstant(occurredAt) === undefined) {
    violations.push({ field: EVENT_HEADERS.time, message: "must be an ISO-8601 instant" });
  }
  if (violations.length > 0) throw invalidArgument("message is not a well-formed Yunxi event", { violations });
  return { eventId, type, source, organisationId, aggregateId, occurredAt, schemaVersion };
}

/** `yunxi.approval.v1.ApplicationApproved` — protobufjs keeps a leading dot on `fullName`. */
export function typeNameOf(type: protobuf.Type): string {
  return type.fullName.replace(/^\./, "");
}

function toIsoInstant(value: Date | string): string | undefined {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
