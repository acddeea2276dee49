import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { createRootLogger, isYunxiError, resourceExhausted, unavailable } from "@yunxi/platform";
import { documentPages } from "../adapters/media/document-pages.js";
import { MemoryOriginalStore, MemoryThresholdProfileStore, MemoryVerdictStore } from "../adapters/memory/memory-stores.js";
import { makeAutomaticVerification, NO_ENGINE, type AutomaticVerification, type StoredPhoto, type SubmittedApplication } from "./automatic-verification.js";
import { makeOcrVerificationService, type OcrVerificationService } from "./ocr-verification-service.js";
import { FakeMedia, LEASE_PAGE_1, LEASE_PAGE_2, textDecoder, textEngine } from "../testing/text-pages.js";

const ORIGINAL = LEASE_PAGE_1;
const SECOND_PAGE = LEASE_PAGE_2;

describe("automatic verification: originals from submitted applications, verdicts for stored photos", () => {
  const logger = createRootLogger({ level: "silent" });
  let media: FakeMedia;
  let originals: MemoryOriginalStore;
  let verdicts: MemoryVerdictStore;
  let flow: AutomaticVerification;
  let service: OcrVerificationService;
  let now: number;
  let seq = 0;

  beforeEach(() => {
    media = new FakeMedia();
    originals = new MemoryOriginalStore();
    verdicts = new MemoryVerdictStore();
    const profiles = new MemoryThresholdProfileStore();
    now = Date.parse("2026-03-01T08:00:00Z");
    const clock = { now: () => new Date(now) };
    service = makeOcrVerificationService({ decoder: textDecoder, engine: textEngine, originals, verdicts, profiles, logger, clock });
    flow = makeAutomaticVerification({
      service,
      originals,
      verdicts,
      profiles,
      media,
      splitDocument: documentPages,
      logger,
      clock,
      limits: { maxPhotoBytes: 10_000, maxDocumentBytes: 10_000, originalWaitMs: 60_000 },
    });
  });

  function submitted(documents: SubmittedApplication["documents"], applicationId = `app-${++seq}`): SubmittedApplication {
    return { eventId: `event-${++seq}`, applicationId, organisationId: "org-a", applicantUserId: "user-applicant", documents };
  }
  function document(text: string, contentType = "text/plain"): SubmittedApplication["documents"][number] {
    const mediaId = `doc-${++seq}`;
    return { objectKey: mediaId, contentType, ...media.put("org-a", mediaId, text, contentType) };
  }
  function photo(applicationId: string, text: string, sequence = ++seq): StoredPhoto {
    const mediaId = `photo-${++seq}`;
    return { mediaId, organisationId: "org-a", applicationId, deviceId: "dev-1", impressionSequence: sequence, ...media.put("org-a", mediaId, text, "image/jpeg") };
  }

  it("registers the original from the documents and gives each stored photo one verdict, however often it is delivered", async () => {
    const application = submitted([document(`${ORIGINAL}\f${SECOND_PAGE}`)]);
    assert.equal(await flow.registerSubmitted(application), "registered");
    const original = await originals.get(application.applicationId);
    assert.equal(original?.pages.length, 2);
    assert.equal((await originals.describe(application.applicationId))?.applicantUserId, "user-applicant");

    const stamped = photo(application.applicationId, ORIGINAL, 7);
    const first = await flow.verifyStoredPhoto(stamped);
    assert.ok(first.kind === "verified");
    assert.equal(first.verification.outcome.verdict, "match", first.verification.outcome.reasons.join("; "));
    assert.equal(first.verification.impressionId, "dev-1:7");
    assert.deepEqual(first.verification.photo, { mediaId: stamped.mediaId, deviceId: "dev-1", impressionSequence: 7 });
    const readsAfterFirst = media.reads;

    const again = await flow.verifyStoredPhoto(stamped);
    assert.ok(again.kind === "already-verified");
    assert.equal(again.verification.verificationId, first.verification.verificationId);
    assert.equal(media.reads, readsAfterFirst, "a redelivery does not read the photo again");
    assert.equal((await verdicts.listByApplication("org-a", application.applicationId)).length, 1);
    assert.deepEqual(verdicts.announced.map((a) => a.kind), ["photo-verified"]);
  });

  it("a busy OCR pool while splitting a document is retried (Unavailable), never recorded as an unreadable original", async () => {
    const busy = makeAutomaticVerification({
      service,
      originals,
      verdicts,
      profiles: new MemoryThresholdProfileStore(),
      media,
      splitDocument: async () => {
        throw resourceExhausted("the OCR queue is full");
      },
      logger,
      limits: { maxPhotoBytes: 10_000, maxDocumentBytes: 10_000, originalWaitMs: 60_000 },
    });
    const application = submitted([document(ORIGINAL)]);
    await assert.rejects(busy.registerSubmitted(application), (e: unknown) => isYunxiError(e, "Unavailable"));
    assert.equal(await originals.describe(application.applicationId), undefined, "nothing recorded: the redelivery registers it");
    assert.equal(await flow.registerSubmitted(application), "registered");
  });

  it("does not read the documents again when the same submission is delivered again", async () => {
    const application = submitted([document(ORIGINAL)]);
    assert.equal(await flow.registerSubmitted(application), "registered");
    const reads = media.reads;
    assert.equal(await flow.registerSubmitted(application), "already-handled");
    assert.equal(media.reads, reads);
    // A resubmission (a new event) replaces the original.
    assert.equal(await flow.registerSubmitted({ ...application, eventId: "event-resubmitted", documents: [document(SECOND_PAGE)] }), "registered");
    assert.equal((await originals.get(application.applicationId))?.pages.length, 1);
  });

  it("alarms the seal keeper for a changed page and for a blank one", async () => {
    const application = submitted([document(ORIGINAL)]);
    await flow.registerSubmitted(application);
    const changed = await flow.verifyStoredPhoto(photo(application.applicationId, ORIGINAL.replace("8500", "9500")));
    assert.ok(changed.kind === "verified");
    assert.equal(changed.verification.outcome.verdict, "mismatch");
    const blank = await flow.verifyStoredPhoto(photo(application.applicationId, "合同专用章"));
    assert.ok(blank.kind === "verified");
    assert.equal(blank.verification.outcome.verdict, "blank");
    assert.deepEqual(
      verdicts.announced.map((a) => (a.kind === "alarm" ? `alarm:${a.verdict}` : a.kind)),
      ["photo-verified", "alarm:mismatch", "photo-verified", "alarm:blank"],
    );
  });

  it("records a document whose bytes differ from the declared SHA-256 as unreadable; its photos get review with the reason", async () => {
    const good = document(ORIGINAL);
    const application = submitted([{ ...good, sha256: "0".repeat(64) }]);
    assert.equal(await flow.registerSubmitted(application), "unreadable");
    assert.equal(await originals.get(application.applicationId), undefined);
    assert.match((await originals.describe(application.applicationId))?.problem ?? "", /document 1: .*SHA-256/);
    const reads = media.reads;
    const result = await flow.verifyStoredPhoto(photo(application.applicationId, ORIGINAL));
    assert.ok(result.kind === "verified");
    assert.equal(result.verification.outcome.verdict, "review");
    assert.equal(result.verification.engine, NO_ENGINE);
    assert.match(result.verification.outcome.reasons[0] ?? "", /original cannot be compared: document 1: .*SHA-256/);
    assert.equal(media.reads, reads, "no photo is read when there is nothing to compare it with");
  });

  it("records other unusable documents (not in media, unsupported type, none at all) without failing the consumer", async () => {
    const missing = submitted([{ objectKey: "no-such-media", sha256: "a".repeat(64), contentType: "application/pdf" }]);
    assert.equal(await flow.registerSubmitted(missing), "unreadable");
    assert.match((await originals.describe(missing.applicationId))?.problem ?? "", /document 1 could not be read from media/);
    const word = submitted([document("PK\u0003\u0004 not a docx really", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]);
    assert.equal(await flow.registerSubmitted(word), "unreadable");
    assert.match((await originals.describe(word.applicationId))?.problem ?? "", /cannot be compared/);
    const none = submitted([]);
    assert.equal(await flow.registerSubmitted(none), "unreadable");
    assert.match((await originals.describe(none.applicationId))?.problem ?? "", /no document/);
  });

  it("retries while media is unavailable instead of recording the original as unreadable", async () => {
    const application = submitted([document(ORIGINAL)]);
    media.failNext = unavailable("media is restarting");
    await assert.rejects(flow.registerSubmitted(application), (e) => isYunxiError(e, "Unavailable"));
    assert.equal(await originals.describe(application.applicationId), undefined);
    assert.equal(await flow.registerSubmitted(application), "registered");
  });

  it("waits for an original that arrives after the photo (retry through the bus), then verifies", async () => {
    const applicationId = "app-late";
    const early = photo(applicationId, ORIGINAL);
    await assert.rejects(flow.verifyStoredPhoto(early), (e) => isYunxiError(e, "Unavailable"));
    now += 30_000;
    await assert.rejects(flow.verifyStoredPhoto(early), (e) => isYunxiError(e, "Unavailable"));
    assert.equal(verdicts.announced.length, 0);
    await flow.registerSubmitted(submitted([document(ORIGINAL)], applicationId));
    const result = await flow.verifyStoredPhoto(early);
    assert.ok(result.kind === "verified");
    assert.equal(result.verification.outcome.verdict, "match");
  });

  it("gives review once the wait for the original has run out", async () => {
    const orphan = photo("app-never-submitted", ORIGINAL);
    await assert.rejects(flow.verifyStoredPhoto(orphan), (e) => isYunxiError(e, "Unavailable"));
    now += 60_001;
    const result = await flow.verifyStoredPhoto(orphan);
    assert.ok(result.kind === "verified");
    assert.equal(result.verification.outcome.verdict, "review");
    assert.match(result.verification.outcome.reasons[0] ?? "", /no original was registered for the application within 60 s/);
  });

  it("gives review for a photo media cannot serve, whose digest differs, or that does not decode", async () => {
    const application = submitted([document(ORIGINAL)]);
    await flow.registerSubmitted(application);
    const gone = { ...photo(application.applicationId, ORIGINAL), mediaId: "photo-gone" };
    const tampered = { ...photo(application.applicationId, ORIGINAL), sha256: "f".repeat(64) };
    const garbage = photo(application.applicationId, "NOT-AN-IMAGE at all");
    const big = photo(application.applicationId, ORIGINAL.repeat(100));
    const reasons: string[] = [];
    for (const p of [gone, tampered, garbage, big]) {
      const result = await flow.verifyStoredPhoto(p);
      assert.ok(result.kind === "verified");
      assert.equal(result.verification.outcome.verdict, "review");
      reasons.push(result.verification.outcome.reasons[0] ?? "");
    }
    assert.match(reasons[0] ?? "", /could not be read from media/);
    assert.match(reasons[1] ?? "", /SHA-256/);
    assert.match(reasons[2] ?? "", /could not be decoded/);
    assert.match(reasons[3] ?? "", /could not be read from media/);
  });

  it("gives review when the application's original belongs to another organisation", async () => {
    const application = submitted([document(ORIGINAL)]);
    await flow.registerSubmitted(application);
    const mediaId = "photo-other-org";
    const stored = media.put("org-b", mediaId, ORIGINAL, "image/jpeg");
    const result = await flow.verifyStoredPhoto({ mediaId, organisationId: "org-b", applicationId: application.applicationId, deviceId: "dev-9", impressionSequence: 1, ...stored });
    assert.ok(result.kind === "verified");
    assert.equal(result.verification.outcome.verdict, "review");
    assert.equal(result.verification.organisationId, "org-b");
    assert.equal((await verdicts.listByApplication("org-a", application.applicationId)).length, 0);
  });

  it("ignores photos that cannot name an impression", async () => {
    const result = await flow.verifyStoredPhoto({ mediaId: "m-1", organisationId: "org-a", applicationId: "app 1", deviceId: "dev-1", impressionSequence: 1, sha256: "" });
    assert.equal(result.kind, "ignored");
    const unsequenced = await flow.verifyStoredPhoto({ mediaId: "m-2", organisationId: "org-a", applicationId: "app-1", deviceId: "dev-1", impressionSequence: 0, sha256: "" });
    assert.equal(unsequenced.kind, "ignored");
    assert.equal(verdicts.announced.length, 0);
  });
  it("lets the applicant and records readers read an application's verdicts, nobody else, and no other organisation", async () => {
    const application = submitted([document(ORIGINAL)]);
    await flow.registerSubmitted(application);
    const result = await flow.verifyStoredPhoto(photo(application.applicationId, ORIGINAL));
    assert.ok(result.kind === "verified");
    const applicant = { organisationId: "org-a", actor: "user-applicant" };
    const colleague = { organisationId: "org-a", actor: "user-colleague" };
    assert.equal((await service.listVerdicts(applicant, application.applicationId, false)).length, 1);
    assert.equal((await service.getVerdict(applicant, result.verification.verificationId, false)).verificationId, result.verification.verificationId);
    assert.equal((await service.listVerdicts(colleague, application.applicationId, true)).length, 1);
    await assert.rejects(service.listVerdicts(colleague, application.applicationId, false), (e) => isYunxiError(e, "PermissionDenied"));
    await assert.rejects(service.getVerdict(colleague, result.verification.verificationId, false), (e) => isYunxiError(e, "PermissionDenied"));
    const outsider = { organisationId: "org-b", actor: "user-applicant" };
    await assert.rejects(service.listVerdicts(outsider, application.applicationId, true), (e) => isYunxiError(e, "NotFound"));
    await assert.rejects(service.getVerdict(outsider, result.verification.verificationId, true), (e) => isYunxiError(e, "NotFound"));
  });

  it("does not let a direct RegisterOriginal replace an original that came with the submitted application", async () => {
    const application = submitted([document(ORIGINAL)]);
    await flow.registerSubmitted(application);
    await assert.rejects(
      service.registerOriginal({ organisationId: "org-a", actor: "user-applicant" }, { applicationId: application.applicationId, pages: [{ text: SECOND_PAGE }] }),
      (e) => isYunxiError(e, "FailedPrecondition"),
    );
    assert.equal((await originals.get(application.applicationId))?.pages[0]?.text, ORIGINAL);
  });
});
