import { createHmac } from "node:crypto";
import { invalidArgument, type FieldViolation } from "@yunxi/platform";

/** Where an organisation's alarms go: a signed generic webhook, a WeCom group robot or a DingTalk robot. */
export const CHANNEL_KINDS = ["webhook", "wecom", "dingtalk"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * One notification channel of one organisation. `url` and `secret` are credentials (a robot URL carries
 * its key in the query string): they leave the service only towards the receiver, never in a reply or a log.
 */
export interface NotificationChannel {
  readonly id: string;
  readonly organisationId: string;
  readonly kind: ChannelKind;
  readonly name: string;
  readonly url: string;
  /** "" when none (WeCom; DingTalk without signing). */
  readonly secret: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
}

export interface NewChannel {
  readonly kind: string;
  readonly name: string;
  readonly url: string;
  readonly secret: string;
}

export interface ChannelChanges {
  readonly name?: string;
  readonly url?: string;
  readonly secret?: string;
  readonly enabled?: boolean;
}

/** What happened, as the alarm events tell it: ids and facts, never document contents. */
export interface Alarm {
  /** The event id (`ce_id`): one delivery per (event, channel). */
  readonly eventId: string;
  readonly organisationId: string;
  /** `device`: device-control's AlarmRaised; `verification`: ocr-verification's VerificationAlarm. */
  readonly source: "device" | "verification";
  /** Device alarm kind (tamper, unauthorised_attempt, ...) or OCR verdict (mismatch, blank). */
  readonly kind: string;
  readonly deviceId: string;
  readonly applicationId: string;
  readonly verificationId: string;
  /** Device event sequence or impression sequence; "" when none. */
  readonly sequence: string;
  /** The device's own short description of a device alarm; "" for OCR alarms. */
  readonly detail: string;
  readonly occurredAt: Date;
}

const NAME_MAX = 100;
const URL_MAX = 2000;
const SECRET_MIN = 16;
const SECRET_MAX = 200;
const DETAIL_MAX = 200;

/** The URL problem, or undefined: absolute http(s), no user info, bounded length. */
export function urlViolation(value: string, field = "url"): FieldViolation | undefined {
  if (value.length > URL_MAX) return { field, message: `at most ${URL_MAX} characters` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { field, message: "must be an absolute http or https URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { field, message: "must be an http or https URL" };
  if (url.username !== "" || url.password !== "") return { field, message: "must not carry a user name or password" };
  if (url.hostname === "") return { field, message: "must name a host" };
  return undefined;
}

function secretViolation(kind: ChannelKind, secret: string, field = "secret"): FieldViolation | undefined {
  if (kind === "wecom") return secret === "" ? undefined : { field, message: "a WeCom robot has no signing secret (its key is in the URL)" };
  if (kind === "dingtalk" && secret === "") return undefined;
  if (secret.length < SECRET_MIN || secret.length > SECRET_MAX) {
    return { field, message: kind === "webhook" ? `required: ${SECRET_MIN}-${SECRET_MAX} characters` : `empty, or ${SECRET_MIN}-${SECRET_MAX} characters` };
  }
  return undefined;
}

function nameViolation(name: string): FieldViolation | undefined {
  const trimmed = name.trim();
  return trimmed.length === 0 || trimmed.length > NAME_MAX ? { field: "name", message: `1-${NAME_MAX} characters` } : undefined;
}

const isKind = (kind: string): kind is ChannelKind => (CHANNEL_KINDS as readonly string[]).includes(kind);

/** Checks a new channel, reporting every problem at once; returns its kind. */
export function validateNewChannel(input: NewChannel): ChannelKind {
  const violations: FieldViolation[] = [];
  if (!isKind(input.kind)) violations.push({ field: "kind", message: `one of ${CHANNEL_KINDS.join(", ")}` });
  const name = nameViolation(input.name);
  if (name) violations.push(name);
  const url = urlViolation(input.url);
  if (url) violations.push(url);
  if (isKind(input.kind)) {
    const secret = secretViolation(input.kind, input.secret);
    if (secret) violations.push(secret);
  }
  if (violations.length > 0) throw invalidArgument("invalid notification channel", { violations });
  return input.kind as ChannelKind;
}

/** Checks changes to an existing channel of `kind`. */
export function validateChannelChanges(kind: ChannelKind, changes: ChannelChanges): void {
  const violations: FieldViolation[] = [];
  if (changes.name !== undefined) {
    const name = nameViolation(changes.name);
    if (name) violations.push(name);
  }
  if (changes.url !== undefined) {
    const url = urlViolation(changes.url);
    if (url) violations.push(url);
  }
  if (changes.secret !== undefined) {
    const secret = secretViolation(kind, changes.secret);
    if (secret) violations.push(secret);
  }
  if (violations.length > 0) throw invalidArgument("invalid notification channel changes", { violations });
}

/**
 * The URL as it may be shown and logged: scheme, host, port and path, with every query value and any
 * long token-like path segment masked (robot and webhook URLs carry their keys there).
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "(invalid URL)";
  }
  const path = url.pathname
    .split("/")
    .map((segment) => (segment.length >= 20 && /^[A-Za-z0-9_\-.=%]+$/.test(segment) ? `${segment.slice(0, 4)}***` : segment))
    .join("/");
  const query = [...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=***`).join("&");
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ""}`;
}

const KIND_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  tamper: { zh: "设备被拆卸/破坏", en: "device tampered with" },
  press_timeout: { zh: "用印超时", en: "press timeout" },
  unauthorised_attempt: { zh: "未授权用印尝试", en: "unauthorised stamping attempt" },
  authorisation_refused: { zh: "授权被拒绝", en: "authorisation refused" },
  low_battery: { zh: "电量低", en: "low battery" },
  sequence_gap: { zh: "设备事件缺失", en: "device events missing" },
  mismatch: { zh: "盖章页与审批文件不符", en: "stamped page does not match the approved document" },
  blank: { zh: "盖章页为空白页", en: "stamped page is blank" },
};

/** Chinese and English names of an alarm kind or verdict (the raw kind for one not known here). */
export function kindText(kind: string): { zh: string; en: string } {
  return KIND_TEXT[kind] ?? { zh: kind, en: kind };
}

/** The JSON a generic webhook receives: facts and ids, and the same text the robots get. */
export interface AlarmPayload {
  readonly type: "yunxi.alarm";
  readonly eventId: string;
  readonly organisationId: string;
  readonly source: Alarm["source"];
  readonly kind: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly deviceId: string;
  readonly applicationId: string;
  readonly verificationId: string;
  readonly sequence: string;
  readonly detail: string;
  readonly occurredAt: string;
  readonly text: string;
}

/** A device-provided detail, made one bounded line: it is shown to people and sent to chat robots. */
function safeDetail(detail: string): string {
  // Control characters (line breaks included) would let a device forge extra lines of the message.
  const line = [...detail].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? " " : c)).join("").replace(/ {2,}/g, " ").trim();
  return line.length > DETAIL_MAX ? `${line.slice(0, DETAIL_MAX)}…` : line;
}

/** The alarm as text for people: Chinese first, then English, one fact per line. */
export function alarmText(alarm: Alarm): string {
  const title = kindText(alarm.kind);
  const lines = [`【云玺告警】${title.zh}`, `[Yunxi alarm] ${title.en}`];
  if (alarm.deviceId) lines.push(`设备 Device: ${alarm.deviceId}`);
  if (alarm.applicationId) lines.push(`申请 Application: ${alarm.applicationId}`);
  if (alarm.verificationId) lines.push(`核验 Verification: ${alarm.verificationId}`);
  if (alarm.sequence && alarm.sequence !== "0") lines.push(`序号 Sequence: ${alarm.sequence}`);
  const detail = safeDetail(alarm.detail);
  if (detail) lines.push(`说明 Detail: ${detail}`);
  lines.push(`类型 Kind: ${alarm.kind}`, `时间 Time: ${alarm.occurredAt.toISOString()}`, `事件 Event: ${alarm.eventId}`);
  return lines.join("\n");
}

export function alarmPayload(alarm: Alarm): AlarmPayload {
  return {
    type: "yunxi.alarm",
    eventId: alarm.eventId,
    organisationId: alarm.organisationId,
    source: alarm.source,
    kind: alarm.kind,
    title: kindText(alarm.kind),
    deviceId: alarm.deviceId,
    applicationId: alarm.applicationId,
    verificationId: alarm.verificationId,
    sequence: alarm.sequence,
    detail: safeDetail(alarm.detail),
    occurredAt: alarm.occurredAt.toISOString(),
    text: alarmText(alarm),
  };
}

/** An HTTP POST ready to send; `url` may carry credentials (robot key, DingTalk signature). */
export interface OutgoingRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Headers of the generic webhook signature (the scheme of Stripe's and Svix's webhooks). */
export const SIGNATURE_HEADERS = Object.freeze({ timestamp: "x-yunxi-timestamp", signature: "x-yunxi-signature", eventId: "x-yunxi-event-id" });

/**
 * The generic webhook signature: `v1=` + hex HMAC-SHA256 under the channel secret of
 * `<timestamp>.<body>` (timestamp in Unix seconds, as in the header). A receiver recomputes it over the
 * raw body and refuses old timestamps, so a captured request cannot be replayed later.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** DingTalk's robot signature: base64 HMAC-SHA256 under the secret of "<timestamp ms>\n<secret>" (URL-encoded when sent). */
export function dingTalkSignature(secret: string, timestampMs: string): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** The request that delivers `alarm` (or any payload with a `text`) to `channel` at `now`. */
export function buildRequest(channel: Pick<NotificationChannel, "kind" | "url" | "secret">, payload: AlarmPayload, now: Date): OutgoingRequest {
  const json = { "content-type": "application/json; charset=utf-8" };
  switch (channel.kind) {
    case "webhook": {
      const body = JSON.stringify(payload);
      const timestamp = String(Math.floor(now.getTime() / 1000));
      return {
        url: channel.url,
        headers: { ...json, [SIGNATURE_HEADERS.timestamp]: timestamp, [SIGNATURE_HEADERS.signature]: webhookSignature(channel.secret, timestamp, body), [SIGNATURE_HEADERS.eventId]: payload.eventId },
        body,
      };
    }
    case "wecom":
      return { url: channel.url, headers: json, body: JSON.stringify({ msgtype: "text", text: { content: payload.text } }) };
    case "dingtalk": {
      const body = JSON.stringify({ msgtype: "text", text: { content: payload.text } });
      if (channel.secret === "") return { url: channel.url, headers: json, body };
      const url = new URL(channel.url);
      const timestamp = String(now.getTime());
      url.searchParams.set("timestamp", timestamp);
      url.searchParams.set("sign", dingTalkSignature(channel.secret, timestamp));
      return { url: url.toString(), headers: json, body };
    }
  }
}

/** A test message, so an administrator sees a new channel work before a real alarm needs it. */
export function testPayload(organisationId: string, eventId: string, now: Date): AlarmPayload {
  const text = ["【云玺测试消息】通知渠道配置成功", "[Yunxi test message] the notification channel works", `时间 Time: ${now.toISOString()}`].join("\n");
  return {
    type: "yunxi.alarm",
    eventId,
    organisationId,
    source: "device",
    kind: "test",
    title: { zh: "测试消息", en: "test message" },
    deviceId: "",
    applicationId: "",
    verificationId: "",
    sequence: "",
    detail: "",
    occurredAt: now.toISOString(),
    text,
  };
}

/** What one attempt got: a receiver that accepted the message, or why not. */
export type AttemptOutcome = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly status: number; readonly error: string };

/**
 * Judges a receiver's answer. WeCom and DingTalk answer HTTP 200 with `errcode` ≠ 0 when they refuse
 * (bad key, bad signature, rate limit), so for them a 2xx alone is not delivery.
 */
export function judgeResponse(kind: ChannelKind, status: number, body: string): AttemptOutcome {
  if (status < 200 || status > 299) return { ok: false, status, error: `HTTP ${status}` };
  if (kind === "webhook") return { ok: true, status };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, status, error: "robot answered without JSON" };
  }
  const errcode = (parsed as { errcode?: unknown } | null)?.errcode;
  if (errcode === 0) return { ok: true, status };
  const errmsg = String((parsed as { errmsg?: unknown } | null)?.errmsg ?? "").slice(0, 100);
  return { ok: false, status, error: `robot errcode ${String(errcode)}${errmsg ? `: ${errmsg}` : ""}` };
}

/** Retry policy of deliveries: exponential from `firstDelayMs`, capped at `maxDelayMs`, given up after `giveUpAfterMs`. */
export interface RetryPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ firstDelayMs: 10_000, maxDelayMs: 3_600_000, giveUpAfterMs: 24 * 3_600_000 });

/**
 * When to try again after `attempts` failed attempts of a delivery created at `createdAt`, or undefined
 * when the next try would fall past the bound (the delivery is then `failed`). `random` in [0, 1) adds up
 * to 20% jitter, so receivers coming back are not hit by every delivery at once.
 */
export function nextAttemptAt(policy: RetryPolicy, createdAt: Date, attempts: number, now: Date, random: number): Date | undefined {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const base = Math.min(policy.firstDelayMs * 2 ** exponent, policy.maxDelayMs);
  const next = new Date(now.getTime() + Math.round(base * (1 + 0.2 * random)));
  return next.getTime() - createdAt.getTime() > policy.giveUpAfterMs ? undefined : next;
}
