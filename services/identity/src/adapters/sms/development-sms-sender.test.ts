import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { capturingLogger } from "@yunxi/platform/testing";
import { DevelopmentSmsSender, DisabledSmsSender } from "./development-sms-sender.js";

describe("SMS senders", () => {
  it("the development sender logs the code only when told to (IDENTITY_SMS_PROVIDER=development)", async () => {
    const loud = capturingLogger();
    await new DevelopmentSmsSender({ logger: loud.logger, logCodes: true }).sendCode("13800000000", "246810");
    assert.ok(loud.lines().some((line) => line["developmentCode"] === "246810" && line["level"] === "info"));

    const quiet = capturingLogger();
    const sender = new DevelopmentSmsSender({ logger: quiet.logger, logCodes: false });
    await sender.sendCode("13800000000", "135790");
    assert.equal(sender.lastCode("13800000000"), "135790");
    assert.ok(!JSON.stringify(quiet.lines()).includes("135790"));
  });

  it("without a provider, sending is Unavailable", async () => {
    await assert.rejects(new DisabledSmsSender().sendCode(), (e: unknown) => isYunxiError(e, "Unavailable"));
  });
});
