import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { NotificationRepository } from "../../app/ports.js";
import type { Alarm, NotificationChannel } from "../../domain/notification.js";

/** A notification repository under test; `addOrganisation` makes an organisation channels can belong to. */
export interface NotificationRepositoryUnderTest {
  readonly repository: NotificationRepository;
  addOrganisation(): Promise<string>;
  close(): Promise<void>;
}

// Whole milliseconds: every implementation keeps times to the millisecond.
const at = (iso: string) => new Date(iso);
const T0 = at("2026-11-25T08:00:00.000Z");
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

function channel(organisationId: string, overrides: Partial<NotificationChannel> = {}): NotificationChannel {
  return {
    id: randomUUID(),
    organisationId,
    kind: "webhook",
    name: "Ops hook",
    url: "https://hooks.example.com/yunxi?token=abc",
    secret: "s3cret-s3cret-s3cret",
    enabled: true,
    createdAt: T0,
    ...overrides,
  };
}

function alarm(organisationId: string, overrides: Partial<Alarm> = {}): Alarm {
  return {
    eventId: randomUUID(),
    organisationId,
    source: "device",
    kind: "unauthorised_attempt",
    deviceId: "dev-1",
    applicationId: "",
    verificationId: "",
    sequence: "7",
    detail: "no open authorisation",
    occurredAt: at("2026-11-25T07:59:58.123Z"),
    ...overrides,
  };
}

/** One suite for every NotificationRepository: in memory, on embedded PGlite, on real PostgreSQL. */
export function notificationRepositoryContract(label: string, open: () => Promise<NotificationRepositoryUnderTest>): void {
  describe(`NotificationRepository contract: ${label}`, { timeout: 120_000 }, () => {
    let subject: NotificationRepositoryUnderTest;
    let repository: NotificationRepository;
    before(async () => {
      subject = await open();
      repository = subject.repository;
    });
    after(async () => subject?.close());

    it("keeps channels inside their organisation: find, list, update and delete see only its own", async () => {
      const mine = await subject.addOrganisation();
      const theirs = await subject.addOrganisation();
      const first = channel(mine, { createdAt: T0 });
      const second = channel(mine, { kind: "dingtalk", name: "钉钉群", secret: "", createdAt: plus(T0, 1000) });
      const foreign = channel(theirs);
      for (const c of [second, first, foreign]) await repository.createChannel(c);
      assert.deepEqual(await repository.findChannel(mine, first.id), first);
      assert.equal(await repository.findChannel(theirs, first.id), undefined);
      assert.deepEqual((await repository.listChannels(mine)).map((c) => c.id), [first.id, second.id]);
      assert.equal(await repository.updateChannel(theirs, first.id, { name: "stolen" }), undefined);
      assert.equal(await repository.deleteChannel(theirs, first.id), false);
      const updated = await repository.updateChannel(mine, first.id, { name: "Renamed", enabled: false, url: "https://hooks.example.com/other", secret: "another-secret-0123" });
      assert.deepEqual(updated, { ...first, name: "Renamed", enabled: false, url: "https://hooks.example.com/other", secret: "another-secret-0123" });
      assert.equal(await repository.deleteChannel(mine, second.id), true);
      assert.deepEqual((await repository.listChannels(mine)).map((c) => c.id), [first.id]);
      assert.deepEqual(await repository.listChannels(theirs), [foreign]);
    });

    it("records an alarm once per enabled channel of its organisation, and nothing for a redelivered event", async () => {
      const org = await subject.addOrganisation();
      const other = await subject.addOrganisation();
      const on = channel(org);
      const off = channel(org, { enabled: false });
      const elsewhere = channel(other);
      for (const c of [on, off, elsewhere]) await repository.createChannel(c);
      const raised = alarm(org);
      assert.equal(await repository.recordAlarm(raised, T0), 1);
      assert.equal(await repository.recordAlarm(raised, plus(T0, 5000)), 0, "the same event again creates nothing");
      const [delivery, ...rest] = await repository.listDeliveries(org, { limit: 10 });
      assert.deepEqual(rest, []);
      assert.deepEqual(delivery, {
        id: delivery?.id,
        organisationId: org,
        channelId: on.id,
        alarm: raised,
        state: "pending",
        attempts: 0,
        nextAttemptAt: T0,
        lastError: "",
        lastStatus: 0,
        createdAt: T0,
        deliveredAt: undefined,
      });
      assert.deepEqual(await repository.listDeliveries(other, { limit: 10 }), []);
      // Concurrent deliveries of one event (two consumers) still make one delivery per channel.
      const twice = alarm(org);
      const counts = await Promise.all([repository.recordAlarm(twice, T0), repository.recordAlarm(twice, T0)]);
      assert.equal(counts[0]! + counts[1]!, 1);
    });

    it("claims due deliveries with their channel, holds them until the lease ends, and records attempts", async () => {
      const org = await subject.addOrganisation();
      const hook = channel(org);
      await repository.createChannel(hook);
      const first = alarm(org);
      const later = alarm(org);
      await repository.recordAlarm(first, T0);
      await repository.recordAlarm(later, plus(T0, 60_000));
      const now = plus(T0, 1000);
      const claimed = (await repository.claimDue(now, 10, plus(now, 30_000))).filter((d) => d.delivery.organisationId === org);
      assert.deepEqual(claimed.map((d) => d.delivery.alarm.eventId), [first.eventId], "only the due one");
      assert.deepEqual(claimed[0]?.channel, hook);
      assert.deepEqual(claimed[0]?.delivery.nextAttemptAt, plus(now, 30_000));
      const again = (await repository.claimDue(plus(now, 1000), 10, plus(now, 60_000))).filter((d) => d.delivery.organisationId === org);
      assert.deepEqual(again, [], "a claimed delivery is not claimed again during its lease");

      const id = claimed[0]!.delivery.id;
      await repository.recordAttempt(id, { state: "pending", attempts: 1, nextAttemptAt: plus(now, 10_000), lastError: "HTTP 500", lastStatus: 500, deliveredAt: undefined });
      const retried = (await repository.claimDue(plus(now, 10_000), 10, plus(now, 40_000))).filter((d) => d.delivery.organisationId === org);
      assert.deepEqual(retried.map((d) => [d.delivery.id, d.delivery.attempts, d.delivery.lastError]), [[id, 1, "HTTP 500"]]);
      await repository.recordAttempt(id, { state: "delivered", attempts: 2, nextAttemptAt: plus(now, 10_000), lastError: "", lastStatus: 200, deliveredAt: plus(now, 10_500) });
      const delivered = await repository.listDeliveries(org, { state: "delivered", limit: 10 });
      assert.deepEqual(delivered.map((d) => [d.id, d.attempts, d.lastStatus, d.deliveredAt]), [[id, 2, 200, plus(now, 10_500)]]);
      assert.deepEqual((await repository.listDeliveries(org, { state: "pending", limit: 10 })).map((d) => d.alarm.eventId), [later.eventId]);
      assert.deepEqual((await repository.listDeliveries(org, { limit: 10 })).map((d) => d.alarm.eventId), [later.eventId, first.eventId], "newest first");
      assert.equal((await repository.listDeliveries(org, { limit: 1 })).length, 1);
    });

    it("lets concurrent claims share out the due deliveries, none twice", async () => {
      const org = await subject.addOrganisation();
      await repository.createChannel(channel(org));
      for (let i = 0; i < 6; i++) await repository.recordAlarm(alarm(org), T0);
      const now = plus(T0, 2 * 3_600_000);
      const claims = await Promise.all([0, 1, 2].map(() => repository.claimDue(now, 5, plus(now, 30_000))));
      const ids = claims.flat().filter((d) => d.delivery.organisationId === org).map((d) => d.delivery.id);
      assert.equal(new Set(ids).size, ids.length, "no delivery claimed twice");
      assert.equal(ids.length, 6, "every due delivery claimed once");
    });

    it("removes a deleted channel's deliveries with it", async () => {
      const org = await subject.addOrganisation();
      const gone = channel(org);
      await repository.createChannel(gone);
      await repository.recordAlarm(alarm(org), T0);
      assert.equal((await repository.listDeliveries(org, { limit: 10 })).length, 1);
      assert.equal(await repository.deleteChannel(org, gone.id), true);
      assert.deepEqual(await repository.listDeliveries(org, { limit: 10 }), []);
    });
  });
}
