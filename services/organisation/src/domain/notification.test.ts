import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import {
  alarmPayload,
  alarmText,
  buildRequest,
  dingTalkSignature,
  judgeResponse,
  nextAttemptAt,
  redactUrl,
  SIGNATURE_HEADERS,
  urlViolation,
  validateChannelChanges,
  validateNewChannel,
  webhookSignature,
  type Alarm,
} from "./notification.js";

const alarm: Alarm = {
  eventId: "6f1c2a4e-0000-4000-8000-000000000001",
  organisationId: "0b7d5a52-0000-4000-8000-000000000002",
  source: "verification",
  kind: "mismatch",
  deviceId: "dev-42",
  applicationId: "app-7",
  verificationId: "ver-9",
  sequence: "3",
  detail: "",
  occurredAt: new Date("2026-11-25T08:00:00.000Z"),
};
const NOW = new Date("2026-11-25T08:00:05.250Z");

const violationsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    assert.ok(isYunxiError(error, "InvalidArgument"), String(error));
    return error.violations.map((v) => v.field);
  }
  assert.fail("expected InvalidArgument");
};

describe("notification channels: validation", () => {
  it("accepts http and https URLs only, without user info", () => {
    assert.equal(urlViolation("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"), undefined);
    assert.equal(urlViolation("http://127.0.0.1:8080/hook"), undefined);
    for (const bad of ["ftp://example.com/x", "file:///etc/passwd", "javascript:alert(1)", "not a url", "/relative/path", "https://user:pw@example.com/", `https://example.com/${"a".repeat(2000)}`]) {
      assert.ok(urlViolation(bad), bad);
    }
  });

  it("reports every problem of a new channel at once and knows each kind's secret rule", () => {
    assert.deepEqual(violationsOf(() => validateNewChannel({ kind: "sms", name: " ", url: "ftp://x", secret: "" })), ["kind", "name", "url"]);
    assert.deepEqual(violationsOf(() => validateNewChannel({ kind: "webhook", name: "Ops", url: "https://example.com/h", secret: "short" })), ["secret"]);
    assert.deepEqual(violationsOf(() => validateNewChannel({ kind: "webhook", name: "Ops", url: "https://example.com/h", secret: "" })), ["secret"]);
    assert.deepEqual(violationsOf(() => validateNewChannel({ kind: "wecom", name: "群", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: "0123456789abcdef" })), ["secret"]);
    assert.equal(validateNewChannel({ kind: "wecom", name: "群", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: "" }), "wecom");
    assert.equal(validateNewChannel({ kind: "dingtalk", name: "钉", url: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: "" }), "dingtalk");
    assert.equal(validateNewChannel({ kind: "dingtalk", name: "钉", url: "https://oapi.dingtalk.com/robot/send?access_token=t", secret: "SEC0123456789abcdef" }), "dingtalk");
    assert.deepEqual(violationsOf(() => validateChannelChanges("webhook", { name: "", url: "gopher://x", secret: "" })), ["name", "url", "secret"]);
    validateChannelChanges("webhook", { enabled: false });
  });

  it("masks query values and token-like path segments of URLs shown or logged", () => {
    assert.equal(redactUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"), "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***");
    assert.equal(redactUrl("https://oapi.dingtalk.com/robot/send?access_token=abc&x=1"), "https://oapi.dingtalk.com/robot/send?access_token=***&x=***");
    assert.equal(redactUrl("https://hooks.example.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX"), "https://hooks.example.com/services/T0000/B0000/XXXX***");
    assert.equal(redactUrl("http://127.0.0.1:9000/alarms"), "http://127.0.0.1:9000/alarms");
  });
});

describe("notification channels: messages and signatures", () => {
  it("says what happened in Chinese and English with the ids and time, nothing else", () => {
    const text = alarmText(alarm);
    for (const part of ["盖章页与审批文件不符", "stamped page does not match the approved document", "dev-42", "app-7", "ver-9", "2026-11-25T08:00:00.000Z", "mismatch", alarm.eventId]) assert.ok(text.includes(part), part);
    const device = alarmText({ ...alarm, source: "device", kind: "unauthorised_attempt", applicationId: "", verificationId: "", detail: "press\nwithout\u0000authorisation" });
    assert.ok(device.includes("未授权用印尝试") && device.includes("unauthorised stamping attempt"));
    assert.ok(device.includes("说明 Detail: press without authorisation"), "a device's detail becomes one clean line");
    assert.ok(!device.includes("申请 Application"), "absent ids are left out");
    assert.deepEqual(alarmText({ ...alarm, kind: "something_new" }).split("\n")[1], "[Yunxi alarm] something_new");
  });

  it("signs a generic webhook with HMAC-SHA256 over timestamp and body", () => {
    const request = buildRequest({ kind: "webhook", url: "https://example.com/h", secret: "0123456789abcdef" }, alarmPayload(alarm), NOW);
    const timestamp = request.headers[SIGNATURE_HEADERS.timestamp];
    assert.equal(timestamp, String(Math.floor(NOW.getTime() / 1000)));
    const expected = `v1=${createHmac("sha256", "0123456789abcdef").update(`${timestamp}.${request.body}`).digest("hex")}`;
    assert.equal(request.headers[SIGNATURE_HEADERS.signature], expected);
    assert.equal(webhookSignature("0123456789abcdef", timestamp!, request.body), expected);
    assert.notEqual(webhookSignature("0123456789abcdef", timestamp!, request.body.replace("mismatch", "match")), expected, "another body, another signature");
    assert.equal(request.headers[SIGNATURE_HEADERS.eventId], alarm.eventId);
    const body = JSON.parse(request.body);
    assert.deepEqual([body.type, body.kind, body.deviceId, body.applicationId, body.verificationId, body.title.en], ["yunxi.alarm", "mismatch", "dev-42", "app-7", "ver-9", "stamped page does not match the approved document"]);
    assert.ok(!request.body.includes("0123456789abcdef"), "the secret is not in the body");
  });

  it("sends WeCom a text message", () => {
    const request = buildRequest({ kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: "" }, alarmPayload(alarm), NOW);
    assert.equal(request.url, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
    assert.deepEqual(JSON.parse(request.body), { msgtype: "text", text: { content: alarmText(alarm) } });
  });

  it("signs DingTalk as its robots expect: timestamp in ms and the URL-encoded base64 HMAC of timestamp\\nsecret", () => {
    const secret = "SECabcdef0123456789";
    const request = buildRequest({ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=tok", secret }, alarmPayload(alarm), NOW);
    const url = new URL(request.url);
    assert.equal(url.searchParams.get("access_token"), "tok");
    assert.equal(url.searchParams.get("timestamp"), String(NOW.getTime()));
    const sign = createHmac("sha256", secret).update(`${NOW.getTime()}\n${secret}`).digest("base64");
    assert.equal(url.searchParams.get("sign"), sign);
    assert.equal(dingTalkSignature(secret, String(NOW.getTime())), sign);
    assert.ok(request.url.includes(`sign=${encodeURIComponent(sign)}`), "the signature is URL-encoded in the query");
    assert.deepEqual(JSON.parse(request.body), { msgtype: "text", text: { content: alarmText(alarm) } });
    const unsigned = buildRequest({ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=tok", secret: "" }, alarmPayload(alarm), NOW);
    assert.equal(unsigned.url, "https://oapi.dingtalk.com/robot/send?access_token=tok");
  });

  it("counts a robot's 200 with a non-zero errcode as not delivered", () => {
    assert.deepEqual(judgeResponse("webhook", 204, ""), { ok: true, status: 204 });
    assert.deepEqual(judgeResponse("webhook", 500, ""), { ok: false, status: 500, error: "HTTP 500" });
    assert.deepEqual(judgeResponse("wecom", 200, '{"errcode":0,"errmsg":"ok"}'), { ok: true, status: 200 });
    assert.deepEqual(judgeResponse("dingtalk", 200, '{"errcode":310000,"errmsg":"sign not match"}'), { ok: false, status: 200, error: "robot errcode 310000: sign not match" });
    assert.equal(judgeResponse("wecom", 200, "<html>").ok, false);
  });
});

describe("notification channels: retry backoff", () => {
  const policy = { firstDelayMs: 10_000, maxDelayMs: 3_600_000, giveUpAfterMs: 86_400_000 };
  const created = new Date("2026-11-25T00:00:00.000Z");

  it("doubles from the first delay, caps at the maximum, and adds at most 20% jitter", () => {
    const delays = [1, 2, 3, 4].map((attempts) => nextAttemptAt(policy, created, attempts, created, 0)!.getTime() - created.getTime());
    assert.deepEqual(delays, [10_000, 20_000, 40_000, 80_000]);
    assert.equal(nextAttemptAt(policy, created, 20, created, 0)!.getTime() - created.getTime(), 3_600_000);
    assert.equal(nextAttemptAt(policy, created, 1, created, 0.999)!.getTime() - created.getTime(), Math.round(10_000 * (1 + 0.2 * 0.999)));
  });

  it("gives up once the next attempt would fall more than the bound after the alarm was recorded", () => {
    const late = new Date(created.getTime() + 86_400_000 - 5000);
    assert.equal(nextAttemptAt(policy, created, 30, late, 0), undefined);
    assert.ok(nextAttemptAt(policy, created, 1, new Date(created.getTime() + 86_400_000 - 20_000), 0));
    // Over the whole bound that is a few dozen attempts, not thousands.
    let now = created;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = nextAttemptAt(policy, created, attempts, now, 0.5);
      if (!next) break;
      now = next;
    }
    assert.ok(attempts > 20 && attempts < 40, String(attempts));
  });
});
