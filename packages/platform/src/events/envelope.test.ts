import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { propagation, ROOT_CONTEXT, trace, TraceFlags } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import protobuf from "protobufjs";
import { isYunxiError } from "../errors/errors.js";
import { decodeEvent, encodeEvent, EVENT_HEADERS, readMetadata } from "./envelope.js";

const root = protobuf.parse(`
  syntax = "proto3";
  package yunxi.testing.v1;
  message StampRecorded {
    string device_id = 1;
    uint64 sequence = 2;
    int32 impressions = 3;
    bytes photo_digest = 4;
  }
  message Other { string id = 1; }
`).root;
const StampRecorded = root.lookupType("yunxi.testing.v1.StampRecorded");
const Other = root.lookupType("yunxi.testing.v1.Other");

const base = {
  topic: "yunxi.device-control.v1.stamp-recorded",
  type: StampRecorded,
  organisationId: "org-1",
  aggregateId: "device-7",
};

describe("event envelope", () => {
  before(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  after(() => propagation.disable());

  it("puts metadata in headers and the payload as protobuf bytes, and reads both back", () => {
    const message = encodeEvent({
      ...base,
      payload: { deviceId: "device-7", sequence: 42, impressions: 3, photoDigest: Buffer.from([1, 2, 3]) },
      eventId: "0b5a2c1e-8f0e-4d6b-9a51-3f1a2b3c4d5e",
      occurredAt: new Date("2025-03-01T08:00:00.000Z"),
      schemaVersion: 2,
    });
    assert.equal(message.topic, base.topic);
    assert.equal(message.key, "device-7");
    assert.equal(message.headers[EVENT_HEADERS.id], "0b5a2c1e-8f0e-4d6b-9a51-3f1a2b3c4d5e");
    assert.equal(message.headers[EVENT_HEADERS.type], "yunxi.testing.v1.StampRecorded");
    assert.equal(message.headers[EVENT_HEADERS.source], "/yunxi/device-control");
    assert.equal(message.headers[EVENT_HEADERS.organisationId], "org-1");
    assert.equal(message.headers[EVENT_HEADERS.time], "2025-03-01T08:00:00.000Z");
    assert.equal(message.headers[EVENT_HEADERS.schemaVersion], "2");
    // The bytes are real protobuf, readable by any protobuf decoder, not JSON.
    const raw = StampRecorded.toObject(StampRecorded.decode(message.value), { longs: Number });
    assert.equal(raw.deviceId, "device-7");
    assert.equal(raw.sequence, 42);

    const decoded = decodeEvent<{ deviceId: string; sequence: string; impressions: number }>(message, StampRecorded);
    assert.deepEqual(decoded.metadata, {
      eventId: "0b5a2c1e-8f0e-4d6b-9a51-3f1a2b3c4d5e",
      type: "yunxi.testing.v1.StampRecorded",
      source: "/yunxi/device-control",
      organisationId: "org-1",
      aggregateId: "device-7",
      occurredAt: "2025-03-01T08:00:00.000Z",
      schemaVersion: 2,
    });
    assert.equal(decoded.payload.deviceId, "device-7");
    assert.equal(decoded.payload.sequence, "42");
    assert.equal(decoded.payload.impressions, 3);
  });

  it("generates a UUID event id and the occurred-at time when not given", () => {
    const first = encodeEvent({ ...base, payload: { deviceId: "d" } });
    const second = encodeEvent({ ...base, payload: { deviceId: "d" } });
    assert.match(first.headers[EVENT_HEADERS.id] ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(first.headers[EVENT_HEADERS.id], second.headers[EVENT_HEADERS.id]);
    assert.ok(Math.abs(Date.parse(first.headers[EVENT_HEADERS.time] ?? "") - Date.now()) < 60_000);
  });

  it("carries W3C trace context and restores it on decode", () => {
    const spanContext = {
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      traceFlags: TraceFlags.SAMPLED,
    };
    const context = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    const message = encodeEvent({ ...base, payload: { deviceId: "d" }, context });
    assert.equal(message.headers.traceparent, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    const restored = trace.getSpanContext(decodeEvent(message, StampRecorded).context);
    assert.equal(restored?.traceId, spanContext.traceId);
    assert.equal(restored?.spanId, spanContext.spanId);
    assert.equal(restored?.isRemote, true);
  });

  it("rejects a payload that does not fit its type before anything is encoded", () => {
    assert.throws(
      () => encodeEvent({ ...base, payload: { deviceId: 12, impressions: "three" } }),
      (error: unknown) =>
        isYunxiError(error, "InvalidArgument") && error.violations.some((violation) => violation.field === "payload"),
    );
  });

  it("rejects bad metadata and names every problem at once", () => {
    assert.throws(
      () =>
        encodeEvent({
          ...base,
          topic: "approval-events",
          organisationId: " ",
          aggregateId: "",
          eventId: "not-a-uuid",
          schemaVersion: 0,
          occurredAt: "yesterday",
          payload: { deviceId: "d" },
        }),
      (error: unknown) =>
        isYunxiError(error, "InvalidArgument") &&
        ["topic", "organisationId", "aggregateId", "eventId", "schemaVersion", "occurredAt"].every((field) =>
          error.violations.some((violation) => violation.field === field),
        ),
    );
  });

  it("refuses to decode a message of another type or without envelope headers", () => {
    const message = encodeEvent({ ...base, payload: { deviceId: "d" } });
    assert.throws(() => decodeEvent(message, Other), (error: unknown) => isYunxiError(error, "InvalidArgument"));
    assert.throws(
      () => decodeEvent({ headers: {}, value: message.value }, StampRecorded),
      (error: unknown) => isYunxiError(error, "InvalidArgument"),
    );
    assert.throws(() => readMetadata({ ...message.headers, [EVENT_HEADERS.id]: "x" }), (error: unknown) =>
      isYunxiError(error, "InvalidArgument"),
    );
  });

  it("looks the payload type up by name when given a resolver", () => {
    const message = encodeEvent({ ...base, payload: { deviceId: "d", impressions: 1 } });
    const decoded = decodeEvent(message, (name) => root.lookupType(name));
    assert.equal(decoded.payload.impressions, 1);
  });

  it("turns undecodable bytes into InvalidArgument", () => {
    const message = encodeEvent({ ...base, payload: { deviceId: "d" } });
    assert.throws(
      () => decodeEvent({ ...message, value: new Uint8Array([0x0a, 0xff, 0xff]) }, StampRecorded),
      (error: unknown) => isYunxiError(error, "InvalidArgument"),
    );
  });
});
