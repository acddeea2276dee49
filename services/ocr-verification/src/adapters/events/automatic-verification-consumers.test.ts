// The consumers over the in-process bus and the SQL stores on PGlite: events decode, a photo that
// arrives before its application's original is retried by the bus until it can be verified, redelivery
// gives no second verdict, and the verdict leaves through the outbox with the photo's ids.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { applyMigrations, createRootLogger, decodeEvent, EmbeddedPostgres, encodeEvent, InProcessEventBus, OutboxRelay, type BusMessage, type DeliveredMessage, type SqlDatabase, type Subscription } from "@yunxi/platform";
import { makeAutomaticVerification } from "../../app/automatic-verification.js";
import { makeOcrVerificationService } from "../../app/ocr-verification-service.js";
import { ocrVerificationModule } from "../../module.js";
import { FakeMedia, LEASE_PAGE_1, textDecoder, textEngine } from "../../testing/text-pages.js";
import { SqlOriginalStore, SqlThresholdProfileStore, SqlVerdictStore } from "../db/sql-verification-store.js";
import { documentPages } from "../media/document-pages.js";
import {
  APPLICATION_SUBMITTED_TOPIC,
  applicationSubmittedType,
  MEDIA_STORED_TOPIC,
  mediaStoredHandler,
  mediaStoredType,
  subscribeAutomaticVerification,
} from "./automatic-verification-consumers.js";
import { PHOTO_VERIFIED_TOPIC, typeOf, VERIFICATION_ALARM_TOPIC } from "./verification-event-messages.js";

const WAIT_MS = 20_000;
const logger = createRootLogger({ level: "silent" });

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("ocr-verification consumes application-submitted and media-stored", { timeout: 120_000 }, () => {
  const org = randomUUID();
  const media = new FakeMedia();
  const published: DeliveredMessage[] = [];
  let embedded: EmbeddedPostgres;
  let db: SqlDatabase;
  let bus: InProcessEventBus;
  let relay: OutboxRelay;
  let verdicts: SqlVerdictStore;
  let subscriptions: Subscription[] = [];
  // The photo handler alone, for deliveries the test controls.
  let handleStored: (message: DeliveredMessage) => Promise<void>;

  const submitted = (applicationId: string, documents: { objectKey: string; sha256: string; contentType: string }[]): BusMessage =>
    encodeEvent({
      topic: APPLICATION_SUBMITTED_TOPIC,
      type: applicationSubmittedType(),
      organisationId: org,
      aggregateId: applicationId,
      payload: { applicationId, organisationId: org, sealId: randomUUID(), applicantUserId: "user-applicant", impressionCount: 2, revision: 1, documents, submittedAt: new Date().toISOString() },
    });
  const stored = (mediaId: string, fields: Record<string, unknown>): BusMessage =>
    encodeEvent({
      topic: MEDIA_STORED_TOPIC,
      type: mediaStoredType(),
      organisationId: org,
      aggregateId: mediaId,
      payload: { mediaId, organisationId: org, kind: "photo", contentType: "image/jpeg", size: 10, ownerDeviceId: "dev-3", keyName: "media", keyVersion: 1, storedBy: "dev-3", occurredAt: new Date().toISOString(), ...fields },
    });

  before(async () => {
    embedded = await EmbeddedPostgres.open();
    db = await embedded.database("ocr_verification");
    const migrationsDir = ocrVerificationModule.migrationsDir;
    assert.ok(migrationsDir);
    await applyMigrations(db, migrationsDir, { schema: "ocr_verification" });
    bus = InProcessEventBus.inMemory({ logger, pollIntervalMs: 50, retry: { initialMs: 20, maxMs: 200 } });
    relay = new OutboxRelay({ db, bus, logger, pollIntervalMs: 50 });
    relay.start();
    const originals = new SqlOriginalStore(db);
    verdicts = new SqlVerdictStore(db, () => relay.nudge());
    const profiles = new SqlThresholdProfileStore(db);
    const service = makeOcrVerificationService({ decoder: textDecoder, engine: textEngine, originals, verdicts, profiles, logger });
    const flow = makeAutomaticVerification({
      service,
      originals,
      verdicts,
      profiles,
      media,
      splitDocument: documentPages,
      logger,
      limits: { maxPhotoBytes: 100_000, maxDocumentBytes: 100_000, originalWaitMs: 60_000 },
    });
    subscriptions.push(await subscribeAutomaticVerification(bus, flow, logger));
    subscriptions.push(await bus.subscribe({ groupId: "test-listener", topics: [PHOTO_VERIFIED_TOPIC, VERIFICATION_ALARM_TOPIC], handle: async (m) => void published.push(m) }));
    handleStored = mediaStoredHandler(flow, logger);
  });

  after(async () => {
    for (const subscription of subscriptions.reverse()) await subscription.close();
    subscriptions = [];
    await relay?.stop();
    await bus?.close();
    await embedded?.close();
  });

  it("verifies a photo whose MediaStored came before the application's original, once, and announces it with the photo's ids", async () => {
    const applicationId = randomUUID();
    const photoId = randomUUID();
    const photo = media.put(org, photoId, LEASE_PAGE_1.replace("8500", "9500"), "image/jpeg");
    const photoEvent = stored(photoId, { applicationId, impressionSequence: 4, sha256: photo.sha256 });
    await bus.publish([photoEvent]);
    // The photo waits (the bus retries it) until the original exists.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await verdicts.findByMedia(photoId), undefined);

    const documentId = randomUUID();
    const document = media.put(org, documentId, LEASE_PAGE_1, "text/plain");
    await bus.publish([submitted(applicationId, [{ objectKey: documentId, contentType: "text/plain", ...document }])]);
    const verification = await until("the photo's verdict", () => verdicts.findByMedia(photoId));
    assert.equal(verification.outcome.verdict, "mismatch");
    assert.equal(verification.impressionId, "dev-3:4");
    assert.equal(verification.organisationId, org);

    // A redelivered MediaStored (same event) finds the stored verdict.
    await handleStored({ ...photoEvent, position: "redelivered" });
    assert.equal((await verdicts.listByApplication(org, applicationId)).length, 1);

    const verified = await until("PhotoVerified and the alarm", async () => (published.length >= 2 ? published : undefined));
    const byTopic = (topic: string) => verified.filter((m) => m.topic === topic);
    assert.equal(byTopic(PHOTO_VERIFIED_TOPIC).length, 1);
    assert.equal(byTopic(VERIFICATION_ALARM_TOPIC).length, 1);
    const event = decodeEvent<{ mediaId: string; deviceId: string; impressionSequence: string; verdict: string; impressionId: string }>(byTopic(PHOTO_VERIFIED_TOPIC)[0] as DeliveredMessage, typeOf("PhotoVerified"));
    assert.deepEqual([event.payload.mediaId, event.payload.deviceId, event.payload.impressionSequence, event.payload.verdict, event.payload.impressionId], [photoId, "dev-3", "4", "mismatch", "dev-3:4"]);
    const alarm = decodeEvent<{ mediaId: string; deviceId: string; verdict: string }>(byTopic(VERIFICATION_ALARM_TOPIC)[0] as DeliveredMessage, typeOf("VerificationAlarm"));
    assert.deepEqual([alarm.payload.mediaId, alarm.payload.deviceId, alarm.payload.verdict], [photoId, "dev-3", "mismatch"]);
  });

  it("leaves media that are not impression photos alone", async () => {
    const applicationId = randomUUID();
    for (const [mediaId, fields] of [
      [randomUUID(), { kind: "document", applicationId, impressionSequence: 1, ownerDeviceId: "", ownerUserId: "user-applicant" }],
      [randomUUID(), { kind: "video", applicationId, impressionSequence: 1 }],
      [randomUUID(), { kind: "photo", applicationId: "", impressionSequence: 1 }],
    ] as const) {
      await handleStored({ ...stored(mediaId, fields), position: "direct" });
      assert.equal(await verdicts.findByMedia(mediaId), undefined);
    }
    assert.equal((await verdicts.listByApplication(org, applicationId)).length, 0);
  });

  it("skips an event that does not decode instead of blocking its partition", async () => {
    const event = stored(randomUUID(), { applicationId: randomUUID(), impressionSequence: 1 });
    await assert.doesNotReject(handleStored({ ...event, value: Buffer.from([0xff, 0xff, 0xff]), position: "garbage" }));
    await assert.doesNotReject(handleStored({ ...event, headers: { ...event.headers, ce_type: "yunxi.media.v1.MediaAccessed" }, position: "wrong-type" }));
    assert.equal(await verdicts.findByMedia(event.key), undefined);
  });
});
