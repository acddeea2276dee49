import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { createRootLogger, encodeEvent, InProcessEventBus, type BusMessage, type DeliveredMessage } from "@yunxi/platform";
import { captureLogs } from "@yunxi/platform/testing";
import { alarmHandler, alarmRaisedType, DEVICE_ALARM_TOPIC, subscribeAlarmNotifications, VERIFICATION_ALARM_TOPIC, verificationAlarmType } from "../adapters/events/alarm-consumers.js";
import { MemoryNotificationRepository } from "../adapters/memory/memory-notification-repository.js";
import { DestinationRefused } from "../domain/destination-policy.js";
import { SIGNATURE_HEADERS, webhookSignature, type NotificationChannel, type OutgoingRequest } from "../domain/notification.js";
import { DeliveryWorker, makeAlarmDelivery } from "./alarm-delivery.js";
import type { AlarmSender, ReceiverAnswer } from "./ports.js";

const ORG = "0b7d5a52-0000-4000-8000-0000000000aa";
const OTHER_ORG = "0b7d5a52-0000-4000-8000-0000000000bb";
const SECRET = "webhook-secret-0123456789";
const POLICY = { firstDelayMs: 10_000, maxDelayMs: 3_600_000, giveUpAfterMs: 86_400_000 };

class FakeClock {
  constructor(public current = new Date("2026-11-25T08:00:00.000Z")) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A receiver that answers from a script of statuses (or throws "connection failed" for "down", the policy's refusal for "refused"). */
class ScriptedReceiver implements AlarmSender {
  readonly received: OutgoingRequest[] = [];
  constructor(private readonly answer: (n: number) => number | "down" | "refused") {}
  async post(request: OutgoingRequest): Promise<ReceiverAnswer> {
    const n = this.received.length;
    this.received.push(request);
    const answer = this.answer(n);
    if (answer === "down") throw new Error("connection failed (ECONNREFUSED)");
    if (answer === "refused") throw new DestinationRefused("169.254.169.254", "link-local");
    return { status: answer, body: "" };
  }
}

const webhook = (organisationId = ORG): NotificationChannel => ({
  id: randomUUID(),
  organisationId,
  kind: "webhook",
  name: "Ops",
  url: "https://receiver.example.com/alarms?token=very-secret-token",
  secret: SECRET,
  enabled: true,
  createdAt: new Date("2026-11-01T00:00:00.000Z"),
});

function deviceAlarm(overrides: { eventId?: string; organisationId?: string; payloadOrganisationId?: string } = {}): DeliveredMessage {
  const organisationId = overrides.organisationId ?? ORG;
  const message: BusMessage = encodeEvent({
    topic: DEVICE_ALARM_TOPIC,
    type: alarmRaisedType(),
    payload: { deviceId: "dev-7", organisationId: overrides.payloadOrganisationId ?? organisationId, kind: "unauthorised_attempt", detail: "no open authorisation", sequence: 12, occurredAt: "2026-11-25T07:59:59.000Z" },
    organisationId,
    aggregateId: "dev-7",
    ...(overrides.eventId ? { eventId: overrides.eventId } : {}),
  });
  return { ...message, position: "0" };
}

function setup(answer: (n: number) => number | "down" | "refused", channels: NotificationChannel[] = [webhook()]) {
  const logs = captureLogs();
  const repository = new MemoryNotificationRepository();
  for (const c of channels) repository.channels.set(c.id, c);
  const clock = new FakeClock();
  const receiver = new ScriptedReceiver(answer);
  const delivery = makeAlarmDelivery({ repository, sender: receiver, logger: logs.logger, clock, random: () => 0, policy: POLICY, timeoutMs: 1000 });
  let nudges = 0;
  const handle = alarmHandler((alarm) => delivery.record(alarm), () => nudges++, logs.logger);
  return { logs, repository, clock, receiver, delivery, handle, nudges: () => nudges };
}

/** Runs delivery rounds, moving the fake clock to each next due time, until nothing is pending or `rounds` ran. */
async function runUntilSettled(s: ReturnType<typeof setup>, rounds: number): Promise<number> {
  let ran = 0;
  for (; ran < rounds; ran++) {
    await s.delivery.deliverDue();
    const pending = [...s.repository.deliveries.values()].filter((d) => d.state === "pending");
    if (pending.length === 0) break;
    const due = Math.min(...pending.map((d) => d.nextAttemptAt.getTime()));
    s.clock.current = new Date(Math.max(due, s.clock.current.getTime()));
  }
  return ran;
}

describe("alarm delivery: consumer records, worker sends", () => {
  it("records a redelivered event once and sends it once, signed", async () => {
    const s = setup(() => 200);
    const message = deviceAlarm({ eventId: randomUUID() });
    await s.handle(message);
    await s.handle(message);
    assert.equal(s.repository.deliveries.size, 1, "one delivery per (event, channel)");
    assert.equal(s.nudges(), 1, "the worker is nudged for new deliveries only");
    assert.equal(await s.delivery.deliverDue(), 1);
    assert.equal(await s.delivery.deliverDue(), 0);
    assert.equal(s.receiver.received.length, 1);
    const request = s.receiver.received[0]!;
    const timestamp = request.headers[SIGNATURE_HEADERS.timestamp]!;
    assert.equal(request.headers[SIGNATURE_HEADERS.signature], webhookSignature(SECRET, timestamp, request.body));
    const body = JSON.parse(request.body);
    assert.deepEqual([body.eventId, body.kind, body.deviceId, body.sequence, body.source], [message.headers["ce_id"], "unauthorised_attempt", "dev-7", "12", "device"]);
    const [delivered] = [...s.repository.deliveries.values()];
    assert.deepEqual([delivered?.state, delivered?.attempts, delivered?.lastStatus], ["delivered", 1, 200]);
  });

  it("retries a receiver that is down, with growing waits, and delivers once it is back", async () => {
    const s = setup((n) => (n < 3 ? "down" : 204));
    await s.handle(deviceAlarm());
    const start = s.clock.now().getTime();
    await s.delivery.deliverDue();
    const [afterFirst] = [...s.repository.deliveries.values()];
    assert.deepEqual([afterFirst?.state, afterFirst?.attempts, afterFirst?.lastError, afterFirst?.lastStatus], ["pending", 1, "connection failed (ECONNREFUSED)", 0]);
    assert.equal(afterFirst!.nextAttemptAt.getTime() - start, 10_000);
    assert.equal(await s.delivery.deliverDue(), 0, "nothing is retried before its time");
    await runUntilSettled(s, 10);
    const [done] = [...s.repository.deliveries.values()];
    assert.deepEqual([done?.state, done?.attempts, done?.lastError, done?.lastStatus], ["delivered", 4, "", 204]);
    assert.equal(s.receiver.received.length, 4);
    assert.equal(s.clock.now().getTime() - start, 10_000 + 20_000 + 40_000, "waits doubled between attempts");
  });

  it("gives up on a receiver answering 500 forever once the bound has passed, and stops sending", async () => {
    const s = setup(() => 500);
    await s.handle(deviceAlarm());
    const start = s.clock.now().getTime();
    const rounds = await runUntilSettled(s, 100);
    assert.ok(rounds < 100, "settled");
    const [failed] = [...s.repository.deliveries.values()];
    assert.deepEqual([failed?.state, failed?.lastError, failed?.lastStatus], ["failed", "HTTP 500", 500]);
    assert.equal(failed?.attempts, s.receiver.received.length);
    assert.ok(s.clock.now().getTime() - start <= POLICY.giveUpAfterMs, "no attempt after the bound");
    assert.ok(s.clock.now().getTime() - start > POLICY.giveUpAfterMs - POLICY.maxDelayMs * 1.2, "attempts went on until close to the bound");
    s.clock.advance(7 * 86_400_000);
    assert.equal(await s.delivery.deliverDue(), 0, "a failed delivery is not sent again");
    assert.ok(s.logs.text().includes("alarm delivery given up"));
  });

  it("fails a delivery the destination policy refuses at its first attempt, with the reason, and never retries it", async () => {
    const s = setup(() => "refused");
    await s.handle(deviceAlarm());
    assert.equal(await s.delivery.deliverDue(), 1);
    const [failed] = [...s.repository.deliveries.values()];
    assert.deepEqual([failed?.state, failed?.attempts, failed?.lastError, failed?.lastStatus], ["failed", 1, "destination 169.254.169.254 is not allowed (link-local)", 0]);
    s.clock.advance(86_400_000);
    assert.equal(await s.delivery.deliverDue(), 0, "not sent again");
    assert.ok(s.logs.text().includes("alarm delivery given up"));
  });

  it("keeps tenants apart and sends nothing for an event whose payload names another organisation", async () => {
    const mine = webhook(ORG);
    const theirs = webhook(OTHER_ORG);
    const s = setup(() => 200, [mine, theirs]);
    await s.handle(deviceAlarm());
    await s.handle(deviceAlarm({ organisationId: ORG, payloadOrganisationId: OTHER_ORG }));
    assert.deepEqual([...s.repository.deliveries.values()].map((d) => d.channelId), [mine.id]);
    assert.ok(s.logs.text().includes("alarm event names two organisations"));
  });

  it("never logs the channel's secret or the key in its URL", async () => {
    const s = setup((n) => (n === 0 ? 500 : 200));
    await s.handle(deviceAlarm());
    await runUntilSettled(s, 5);
    const log = s.logs.text();
    assert.ok(log.includes("alarm delivered") && log.includes("receiver.example.com"));
    assert.ok(!log.includes(SECRET) && !log.includes("very-secret-token"));
  });

  it("consumes both alarm topics from the bus; the worker sends without waiting for its poll", async () => {
    const logs = captureLogs();
    const bus = InProcessEventBus.inMemory({ logger: createRootLogger({ level: "silent" }), pollIntervalMs: 50 });
    const repository = new MemoryNotificationRepository();
    const channel = webhook();
    repository.channels.set(channel.id, channel);
    const receiver = new ScriptedReceiver(() => 200);
    const delivery = makeAlarmDelivery({ repository, sender: receiver, logger: logs.logger, policy: POLICY, timeoutMs: 1000 });
    // A poll interval far longer than the test: only the consumer's nudge can make it send in time.
    const worker = new DeliveryWorker(delivery, logs.logger, 600_000);
    worker.start();
    let recorded = 0;
    const record = async (alarm: Parameters<typeof delivery.record>[0]) => {
      const created = await delivery.record(alarm);
      recorded++;
      return created;
    };
    const subscription = await subscribeAlarmNotifications(bus, record, () => worker.nudge(), logs.logger);
    try {
      const ocr = encodeEvent({
        topic: VERIFICATION_ALARM_TOPIC,
        type: verificationAlarmType(),
        payload: { verificationId: "ver-1", applicationId: "app-1", organisationId: ORG, impressionId: "imp-1", verdict: "blank", occurredAt: "2026-11-25T08:00:00.000Z", mediaId: "m-1", deviceId: "dev-7", impressionSequence: 2 },
        organisationId: ORG,
        aggregateId: "app-1",
      });
      const device = deviceAlarm();
      await bus.publish([ocr, device, device]);
      const deadline = Date.now() + 10_000;
      // Settled when all three messages were recorded and nothing is left pending: no send can follow.
      const settled = () => recorded === 3 && [...repository.deliveries.values()].every((d) => d.state !== "pending");
      while (!settled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(settled(), "the three alarm messages were consumed and their deliveries sent within 10 s");
      const kinds = receiver.received.map((r) => JSON.parse(r.body).kind).sort();
      assert.deepEqual(kinds, ["blank", "unauthorised_attempt"], "each alarm sent once, the duplicate not at all");
      const blank = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.kind === "blank");
      assert.deepEqual([blank.source, blank.applicationId, blank.verificationId, blank.sequence], ["verification", "app-1", "ver-1", "2"]);
    } finally {
      await subscription.close();
      await worker.stop();
      await bus.close();
    }
  });
});
