import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRootLogger, isYunxiError, MemoryKeySpace, MemoryKeyValueStore } from "@yunxi/platform";
import { DevelopmentSmsSender } from "../adapters/sms/development-sms-sender.js";
import { SMS_CODE_TTL_SECONDS, SMS_HOURLY_LIMIT, SMS_MAX_WRONG_GUESSES, SMS_RESEND_WINDOW_SECONDS } from "../domain/sms-code.js";
import { SmsCodes } from "./sms-codes.js";

function setup() {
  let now = Date.parse("2026-01-01T00:00:00Z");
  const clock = () => now;
  const store = new MemoryKeyValueStore({ namespace: "identity", space: new MemoryKeySpace({ now: clock }) });
  const sender = new DevelopmentSmsSender({ logger: createRootLogger({ level: "silent" }), logCodes: false });
  return { codes: new SmsCodes(store, sender, clock), sender, advance: (ms: number) => (now += ms) };
}

const MOBILE = "13900000001";
const isInvalid = (e: unknown) => isYunxiError(e, "InvalidArgument");

describe("SmsCodes", () => {
  it("sends six digits that work exactly once", async () => {
    const { codes, sender } = setup();
    const sent = await codes.request(MOBILE);
    assert.deepEqual(sent, { expiresInSeconds: SMS_CODE_TTL_SECONDS, retryAfterSeconds: SMS_RESEND_WINDOW_SECONDS });
    const code = sender.lastCode(MOBILE);
    assert.match(code ?? "", /^\d{6}$/);
    await codes.consume(MOBILE, code as string);
    await assert.rejects(codes.consume(MOBILE, code as string), isInvalid);
  });

  it("refuses a code after five minutes", async () => {
    const { codes, sender, advance } = setup();
    await codes.request(MOBILE);
    advance(SMS_CODE_TTL_SECONDS * 1000 + 1);
    await assert.rejects(codes.consume(MOBILE, sender.lastCode(MOBILE) as string), isInvalid);
  });

  it("rate-limits per number: one per minute, a few per hour; other numbers are unaffected", async () => {
    const { codes, advance } = setup();
    await codes.request(MOBILE);
    await assert.rejects(codes.request(MOBILE), (e: unknown) => isYunxiError(e, "ResourceExhausted"));
    await codes.request("13900000002");
    for (let i = 1; i < SMS_HOURLY_LIMIT; i++) {
      advance(SMS_RESEND_WINDOW_SECONDS * 1000 + 1);
      await codes.request(MOBILE);
    }
    advance(SMS_RESEND_WINDOW_SECONDS * 1000 + 1);
    await assert.rejects(codes.request(MOBILE), (e: unknown) => isYunxiError(e, "ResourceExhausted"));
    advance(3600 * 1000);
    await codes.request(MOBILE);
  });

  it("a wrong code changes nothing until too many guesses discard the outstanding code", async () => {
    const { codes, sender } = setup();
    await codes.request(MOBILE);
    const code = sender.lastCode(MOBILE) as string;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i < SMS_MAX_WRONG_GUESSES; i++) await assert.rejects(codes.consume(MOBILE, wrong), isInvalid);
    await codes.check(MOBILE, code);
    await assert.rejects(codes.consume(MOBILE, wrong), isInvalid);
    await assert.rejects(codes.consume(MOBILE, code), isInvalid, "the code is discarded after the last allowed guess");
  });

  it("refuses malformed numbers and codes without touching the store", async () => {
    const { codes } = setup();
    await assert.rejects(codes.request("12345"), (e: unknown) => isInvalid(e) && isYunxiError(e) && e.violations[0]?.field === "mobile");
    await assert.rejects(codes.consume(MOBILE, "12a456"), (e: unknown) => isInvalid(e) && isYunxiError(e) && e.violations[0]?.field === "sms_code");
    await codes.request(MOBILE); // no rate-limit count was spent by the malformed request
  });

  it("a restored code works again, with its original deadline", async () => {
    const { codes, sender, advance } = setup();
    await codes.request(MOBILE);
    const code = sender.lastCode(MOBILE) as string;
    const consumed = await codes.consume(MOBILE, code);
    await consumed.restore();
    await codes.check(MOBILE, code);
    advance(SMS_CODE_TTL_SECONDS * 1000 + 1);
    await assert.rejects(codes.check(MOBILE, code), isInvalid);
  });
});
