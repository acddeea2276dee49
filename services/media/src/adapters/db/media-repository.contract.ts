import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { DeviceQuota, MediaEvent, MediaRepository } from "../../app/ports.js";
import type { MediaAccess, MediaItem, Upload } from "../../domain/media.js";

export interface RepositoryUnderTest {
  readonly repository: MediaRepository;
  /** Topics of the events the repository appended to its outbox, in order (memory: event types mapped to topics). */
  outboxTopics(): Promise<string[]>;
  close(): Promise<void>;
}

const at = (iso: string) => new Date(iso);

function upload(organisationId: string, overrides: Partial<Upload> = {}): Upload {
  const id = randomUUID();
  return {
    id,
    organisationId,
    kind: "photo",
    contentType: "image/jpeg",
    size: 1000,
    sha256: "a".repeat(64),
    owner: { deviceId: "dev-1" },
    applicationId: "app-1",
    impressionSequence: 7,
    stagingKey: `media-staging/${organisationId}/${id}`,
    createdBy: "user-1",
    createdAt: at("2026-05-01T08:00:00.000Z"),
    expiresAt: at("2026-05-02T08:00:00.000Z"),
    state: "pending",
    ...overrides,
  };
}

function itemOf(u: Upload, overrides: Partial<MediaItem> = {}): MediaItem {
  return {
    id: u.id,
    organisationId: u.organisationId,
    kind: u.kind,
    contentType: u.contentType,
    size: u.size,
    storedSize: u.size + 32,
    sha256: u.sha256,
    owner: u.owner,
    ...(u.applicationId !== undefined ? { applicationId: u.applicationId } : {}),
    ...(u.impressionSequence !== undefined ? { impressionSequence: u.impressionSequence } : {}),
    blobKey: `media/${u.organisationId}/2026/${u.id}-abc`,
    keyName: "media",
    keyVersion: 2,
    wrappedKey: "yunxi:v1:aes-256-gcm:media:2:qkd:AAAA",
    chunkBytes: 65536,
    storedBy: "user-1",
    createdAt: at("2026-05-01T08:01:00.000Z"),
    ...overrides,
  };
}

const stored = (item: MediaItem): MediaEvent[] => [{ type: "MediaStored", item }];

/** The one contract every MediaRepository meets (memory, PGlite, PostgreSQL). */
export function mediaRepositoryContract(label: string, open: () => Promise<RepositoryUnderTest>): void {
  describe(`MediaRepository contract: ${label}`, { timeout: 120_000 }, () => {
    let under: RepositoryUnderTest;
    let repo: MediaRepository;
    const orgA = `org-a-${randomUUID()}`;
    const orgB = `org-b-${randomUUID()}`;

    before(async () => {
      under = await open();
      repo = under.repository;
    });
    after(async () => under?.close());

    it("stores and finds uploads and items, scoped by organisation", async () => {
      const u = upload(orgA);
      await repo.createUpload(u);
      assert.deepEqual(await repo.findUpload(orgA, u.id), u);
      assert.equal(await repo.findUpload(orgB, u.id), undefined);
      const userOwned = upload(orgA, { owner: { userId: "user-9" } });
      const { applicationId: _a, impressionSequence: _s, ...bare } = userOwned;
      await repo.createUpload(bare);
      assert.deepEqual(await repo.findUpload(orgA, bare.id), bare);

      const item = itemOf(u);
      assert.equal(await repo.recordItem(item, { deviceId: "dev-1", period: 2026, limitBytes: 10_000 }, stored(item)), "recorded");
      assert.deepEqual(await repo.findItem(orgA, item.id), item);
      assert.equal(await repo.findItem(orgB, item.id), undefined);
      assert.equal((await repo.findUpload(orgA, u.id))?.state, "completed");
      assert.equal(await repo.deviceUsage(orgA, "dev-1", 2026), 1000);
      assert.equal(await repo.deviceUsage(orgB, "dev-1", 2026), 0);
      assert.equal(await repo.deviceUsage(orgA, "dev-1", 2027), 0);
    });

    it("records an item once: a second completion of the same upload is not-pending and changes nothing", async () => {
      const u = upload(orgA, { owner: { deviceId: "dev-2" } });
      await repo.createUpload(u);
      const quota: DeviceQuota = { deviceId: "dev-2", period: 2026, limitBytes: 10_000 };
      const before = (await under.outboxTopics()).length;
      assert.equal(await repo.recordItem(itemOf(u), quota, stored(itemOf(u))), "recorded");
      assert.equal(await repo.recordItem(itemOf(u, { blobKey: "media/x/2026/other" }), quota, stored(itemOf(u))), "not-pending");
      assert.equal((await repo.findItem(orgA, u.id))?.blobKey, itemOf(u).blobKey);
      assert.equal(await repo.deviceUsage(orgA, "dev-2", 2026), 1000);
      assert.equal((await under.outboxTopics()).length, before + 1);
    });

    it("refuses an item over the quota and rolls everything back (upload stays pending, no usage, no event)", async () => {
      const quota: DeviceQuota = { deviceId: "dev-3", period: 2026, limitBytes: 1500 };
      const first = upload(orgA, { owner: { deviceId: "dev-3" } });
      const second = upload(orgA, { owner: { deviceId: "dev-3" } });
      await repo.createUpload(first);
      await repo.createUpload(second);
      assert.equal(await repo.recordItem(itemOf(first), quota, stored(itemOf(first))), "recorded");
      const topics = (await under.outboxTopics()).length;
      assert.equal(await repo.recordItem(itemOf(second), quota, stored(itemOf(second))), "quota-exceeded");
      assert.equal((await repo.findUpload(orgA, second.id))?.state, "pending");
      assert.equal(await repo.findItem(orgA, second.id), undefined);
      assert.equal(await repo.deviceUsage(orgA, "dev-3", 2026), 1000);
      assert.equal((await under.outboxTopics()).length, topics);
    });

    it("counts concurrent completions for one device one after another", async () => {
      const quota: DeviceQuota = { deviceId: "dev-4", period: 2026, limitBytes: 2500 };
      const uploads = [upload(orgA, { owner: { deviceId: "dev-4" } }), upload(orgA, { owner: { deviceId: "dev-4" } }), upload(orgA, { owner: { deviceId: "dev-4" } })];
      for (const u of uploads) await repo.createUpload(u);
      const outcomes = await Promise.all(uploads.map((u) => repo.recordItem(itemOf(u), quota, stored(itemOf(u)))));
      assert.deepEqual(outcomes.filter((o) => o === "recorded").length, 2);
      assert.deepEqual(outcomes.filter((o) => o === "quota-exceeded").length, 1);
      assert.equal(await repo.deviceUsage(orgA, "dev-4", 2026), 2000);
    });

    it("records accesses with their events, scoped by organisation", async () => {
      const u = upload(orgA, { owner: { userId: "user-1" } });
      await repo.createUpload(u);
      await repo.recordItem(itemOf(u), undefined, stored(itemOf(u)));
      const access: MediaAccess = { id: randomUUID(), organisationId: orgA, mediaId: u.id, accessedBy: "auditor-1", purpose: "download", accessedAt: at("2026-05-03T09:00:00.000Z") };
      await repo.recordAccess(access, [{ type: "MediaAccessed", access }]);
      assert.deepEqual(await repo.listAccesses(orgA, u.id), [access]);
      assert.deepEqual(await repo.listAccesses(orgB, u.id), []);
      const topics = await under.outboxTopics();
      assert.equal(topics.at(-1), "yunxi.media.v1.media-accessed");
      assert.ok(topics.includes("yunxi.media.v1.media-stored"));
    });
  });
}
