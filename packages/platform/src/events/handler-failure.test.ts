import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { status } from "@grpc/grpc-js";
import { parseConfig } from "../config/config.js";
import { failedPrecondition, internal, invalidArgument, notFound, resourceExhausted, unavailable } from "../errors/errors.js";
import { checkedRetryPolicy, DEFAULT_MAX_ATTEMPTS } from "./backoff.js";
import { platformConfigSpec } from "../runtime/platform-config.js";
import { isPassingFault } from "./handler-failure.js";

const grpcError = (code: number) => Object.assign(new Error(`${code} status`), { code, details: "detail", metadata: {} });
const systemError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, syscall: "connect" });

describe("isPassingFault", () => {
  it("takes Unavailable and ResourceExhausted as passing, every other kind as permanent", () => {
    assert.equal(isPassingFault(unavailable("PostgreSQL is unreachable")), true);
    assert.equal(isPassingFault(resourceExhausted("quota")), true);
    for (const error of [invalidArgument("bad"), failedPrecondition("state"), internal("bug"), notFound("gone")]) {
      assert.equal(isPassingFault(error), false, error.name);
    }
  });

  it("takes plain errors, TypeErrors and non-errors as permanent", () => {
    assert.equal(isPassingFault(new Error("boom")), false);
    assert.equal(isPassingFault(new TypeError("cannot read properties of undefined")), false);
    assert.equal(isPassingFault("a string"), false);
    assert.equal(isPassingFault(undefined), false);
  });

  it("recognises gRPC statuses of a peer that is down, slow or overloaded", () => {
    assert.equal(isPassingFault(grpcError(status.UNAVAILABLE)), true);
    assert.equal(isPassingFault(grpcError(status.DEADLINE_EXCEEDED)), true);
    assert.equal(isPassingFault(grpcError(status.RESOURCE_EXHAUSTED)), true);
    assert.equal(isPassingFault(grpcError(status.INVALID_ARGUMENT)), false);
    assert.equal(isPassingFault(grpcError(status.INTERNAL)), false);
    // A numeric code without gRPC's details and metadata is not a gRPC status.
    assert.equal(isPassingFault(Object.assign(new Error("x"), { code: 14 })), false);
  });

  it("recognises connection errors, database retry states and KafkaJS retriable errors, also as a cause", () => {
    assert.equal(isPassingFault(systemError("ECONNREFUSED")), true);
    assert.equal(isPassingFault(systemError("ECONNRESET")), true);
    assert.equal(isPassingFault(systemError("ENOENT")), false);
    assert.equal(isPassingFault(Object.assign(new Error("terminating connection"), { code: "57P01" })), true);
    assert.equal(isPassingFault(Object.assign(new Error("could not serialize access"), { code: "40001" })), true);
    assert.equal(isPassingFault(Object.assign(new Error("connection failure"), { code: "08006" })), true);
    assert.equal(isPassingFault(Object.assign(new Error("duplicate key"), { code: "23505" })), false);
    assert.equal(isPassingFault(Object.assign(new Error("Can't reach database server"), { code: "P1001" })), true);
    assert.equal(isPassingFault(Object.assign(new Error("Unique constraint failed"), { code: "P2002" })), false);
    assert.equal(isPassingFault(Object.assign(new Error("leader not available"), { retriable: true })), true);
    assert.equal(isPassingFault(new Error("query failed", { cause: systemError("ETIMEDOUT") })), true);
    assert.equal(isPassingFault(new Error("outer", { cause: new Error("inner", { cause: new TypeError("bug") }) })), false);
  });

  it("lets the kind of a YunxiError decide, whatever its cause", () => {
    assert.equal(isPassingFault(internal("bug while querying", { cause: systemError("ECONNREFUSED") })), false);
    assert.equal(isPassingFault(unavailable("down", { cause: new TypeError("x") })), true);
  });

  it("stops on a cyclic cause chain", () => {
    const error = new Error("self") as Error & { cause?: unknown };
    error.cause = error;
    assert.equal(isPassingFault(error), false);
  });
});

describe("checkedRetryPolicy", () => {
  it("fills in the defaults", () => {
    assert.deepEqual(checkedRetryPolicy(), { initialMs: 200, maxMs: 30_000, maxAttempts: DEFAULT_MAX_ATTEMPTS, reportEvery: 10 });
  });

  it("refuses a bound that is not a positive integer, naming the field", () => {
    for (const maxAttempts of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => checkedRetryPolicy({ maxAttempts }), (error: unknown) => (error as Error).message.includes("retry.maxAttempts"));
    }
    assert.throws(() => checkedRetryPolicy({ reportEvery: 0 }), /retry\.reportEvery/);
    assert.throws(() => checkedRetryPolicy({ initialMs: -5 }), /retry\.initialMs/);
  });
});

describe("YUNXI_EVENT_MAX_ATTEMPTS", () => {
  it("defaults to 10 and takes a positive whole number", () => {
    const parsed = parseConfig(platformConfigSpec, {});
    assert.ok(parsed.ok);
    assert.equal(parsed.value.EVENT_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS);
    const set = parseConfig(platformConfigSpec, { YUNXI_EVENT_MAX_ATTEMPTS: "25" });
    assert.ok(set.ok);
    assert.equal(set.value.EVENT_MAX_ATTEMPTS, 25);
  });

  it("refuses zero or a non-number, naming the variable", () => {
    for (const value of ["0", "-3", "ten", "2.5"]) {
      const parsed = parseConfig(platformConfigSpec, { YUNXI_EVENT_MAX_ATTEMPTS: value });
      assert.ok(!parsed.ok, value);
      assert.ok(parsed.problems.some((problem) => problem.variable === "YUNXI_EVENT_MAX_ATTEMPTS"), value);
    }
  });
});
