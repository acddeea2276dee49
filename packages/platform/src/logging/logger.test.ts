import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { createRootLogger } from "./logger.js";

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join("").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("root logger", () => {
  it("writes structured JSON with the service from child loggers", () => {
    const out = capture();
    createRootLogger({ destination: out.stream }).child({ service: "identity" }).info({ accountId: "a-1" }, "account created");
    const [line] = out.lines();
    assert.equal(line?.["service"], "identity");
    assert.equal(line?.["msg"], "account created");
    assert.equal(line?.["level"], "info");
    assert.equal(line?.["accountId"], "a-1");
  });

  it("never writes passwords, tokens, SMS codes or key material", () => {
    const out = capture();
    const logger = createRootLogger({ destination: out.stream });
    logger.info(
      {
        password: "hunter2-pw",
        smsCode: "493817",
        request: { accessToken: "eyJ-secret-token", authorization: "Bearer eyJ-secret-token" },
        keyMaterial: "a2V5LWJpdHM=",
        config: { secret: "s3cr3t-value", privateKey: "-----BEGIN PRIVATE KEY-----" },
      },
      "something happened",
    );
    const text = JSON.stringify(out.lines());
    for (const secret of ["hunter2-pw", "493817", "eyJ-secret-token", "a2V5LWJpdHM=", "s3cr3t-value", "BEGIN PRIVATE KEY"]) {
      assert.ok(!text.includes(secret), `${secret} leaked into the log`);
    }
    assert.match(text, /\[redacted\]/);
  });
});
