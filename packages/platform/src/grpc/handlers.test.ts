import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ServiceError } from "@grpc/grpc-js";
import { invalidArgument } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { fromServiceError } from "./client.js";
import { toServiceError } from "./handlers.js";

describe("toServiceError", () => {
  it("carries non-ASCII field violations through metadata (which must be ASCII) and back", () => {
    const violations = [{ field: "display_name", message: "必须是 1–64 个字符 😀" }];
    const serviceError = toServiceError(invalidArgument("无效的注册", { violations }), createRootLogger({ level: "silent" }));
    const raw = serviceError.metadata?.get("x-yunxi-violations")[0];
    assert.equal(typeof raw, "string");
    assert.match(raw as string, /^[\x20-\x7e]+$/);
    const back = fromServiceError({ ...serviceError, message: "", name: "Error" } as ServiceError);
    assert.equal(back.kind, "InvalidArgument");
    assert.deepEqual(back.violations, violations);
  });
});
