import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { OriginalStore, ThresholdProfileStore, VerdictStore, Verification, VerificationAnnouncement } from "../../app/ports.js";
import { originalFromText } from "../../domain/comparison.js";
import { DEFAULT_PROFILE, STRICT_PROFILE } from "../../domain/threshold-profiles.js";
import type { VerificationResult } from "../../domain/verdict.js";

/** The stores of one implementation, and a way to see which topics or kinds they announced. */
export interface StoresUnderTest {
  readonly originals: OriginalStore;
  readonly verdicts: VerdictStore;
  readonly profiles: ThresholdProfileStore;
  /** What was announced, as announcement kinds, in order. */
  announced(): Promise<string[]>;
  close(): Promise<void>;
}

function result(applicationId: string, impressionId: string, verdict: "match" | "mismatch"): VerificationResult {
  return {
    verificationId: randomUUID(),
    applicationId,
    organisationId: "org-a",
    impressionId,
    engine: "test",
    profile: "default",
    outcome: {
      verdict,
      scoredVerdict: verdict,
      similarity: 0.97,
      page: 1,
      worstClause: { clause: "第一条 付款", errorRate: 0.1, found: "第一条付款", underSeal: false },
      changedClauses: [],
      digitMismatches: verdict === "mismatch" ? [{ clause: "金额 12", expected: "12", found: "17" }] : [],
      inkRatio: 0.05,
      contentChars: 300,
      reasons: [],
    },
    seconds: 2.5,
    createdAt: new Date("2026-01-02T03:04:05.000Z").toISOString(),
    reviews: [],
    finalVerdict: verdict,
  };
}

/** One suite for every implementation of the verdict, original and profile stores. */
export function verdictStoreContract(label: string, open: () => Promise<StoresUnderTest>): void {
  describe(`verification stores contract: ${label}`, { timeout: 60_000 }, () => {
    let stores: StoresUnderTest;
    before(async () => {
      stores = await open();
    });
    after(async () => {
      await stores?.close();
    });

    it("stores an original with its pages and clauses", async () => {
      const original = originalFromText("app-1", "org-a", "第一页 甲方应在三十日内付款。\f第二页 乙方承担运输费用。", DEFAULT_PROFILE);
      await stores.originals.save(original);
      const loaded = await stores.originals.get("app-1");
      assert.deepEqual(loaded, original);
      assert.equal(await stores.originals.get("app-unknown"), undefined);
    });

    it("stores a verdict with its announcements, once per impression", async () => {
      const first = result("app-1", "dev-1:1", "mismatch");
      const announcements: VerificationAnnouncement[] = [
        { kind: "photo-verified", result: first },
        { kind: "alarm", result: first, verdict: "mismatch" },
      ];
      const before_ = (await stores.announced()).length;
      assert.equal(await stores.verdicts.add(first, announcements), first);
      const again = await stores.verdicts.add(result("app-1", "dev-1:1", "match"), [{ kind: "photo-verified", result: first }]);
      assert.equal(again.verificationId, first.verificationId);
      assert.equal(again.outcome.verdict, "mismatch");
      assert.deepEqual((await stores.announced()).slice(before_), ["photo-verified", "alarm"]);
      assert.deepEqual(await stores.verdicts.get(first.verificationId), first);
      assert.deepEqual(await stores.verdicts.findByImpression("app-1", "dev-1:1"), first);
    });

    it("records a review and refuses one based on a stale read", async () => {
      const stored = result("app-1", "dev-1:2", "mismatch");
      await stores.verdicts.add(stored, [{ kind: "photo-verified", result: stored }]);
      const reviewed: VerificationResult = {
        ...stored,
        reviews: [{ reviewerId: "keeper", decision: "overturn", verdict: "match", note: "", at: "2026-01-02T04:00:00.000Z" }],
        finalVerdict: "match",
      };
      await stores.verdicts.update(reviewed, 0, [{ kind: "verdict-reviewed", result: reviewed, previous: "mismatch" }]);
      assert.deepEqual(await stores.verdicts.get(stored.verificationId), reviewed);
      assert.equal((await stores.announced()).at(-1), "verdict-reviewed");
      await assert.rejects(stores.verdicts.update(reviewed, 0, []), (e) => isYunxiError(e, "FailedPrecondition"));
    });

    it("records an unreadable original with its reason and source, and replaces it by a readable one", async () => {
      const source = { eventId: "event-1", applicantUserId: "user-applicant" };
      await stores.originals.saveUnreadable({ applicationId: "app-2", organisationId: "org-a", problem: "document 1: not UTF-8" }, source);
      assert.equal(await stores.originals.get("app-2"), undefined);
      assert.deepEqual(await stores.originals.describe("app-2"), { applicationId: "app-2", organisationId: "org-a", applicantUserId: "user-applicant", sourceEventId: "event-1", problem: "document 1: not UTF-8" });
      const original = originalFromText("app-2", "org-a", "第一条 甲方应在三十日内付款。", DEFAULT_PROFILE);
      await stores.originals.save(original, { eventId: "event-2", applicantUserId: "user-applicant" });
      assert.deepEqual(await stores.originals.get("app-2"), original);
      assert.deepEqual(await stores.originals.describe("app-2"), { applicationId: "app-2", organisationId: "org-a", applicantUserId: "user-applicant", sourceEventId: "event-2" });
      // Another organisation cannot take the application id over.
      await stores.originals.saveUnreadable({ applicationId: "app-2", organisationId: "org-b", problem: "x" }, { eventId: "event-3" });
      assert.equal((await stores.originals.describe("app-2"))?.organisationId, "org-a");
      assert.equal(await stores.originals.describe("app-unknown"), undefined);
    });

    it("keeps one verdict per photo media id, and lists an application's verdicts per organisation, oldest first", async () => {
      const photo = (sequence: number) => ({ mediaId: `media-${sequence}`, deviceId: "dev-2", impressionSequence: sequence });
      const first: Verification = { ...result("app-3", "dev-2:1", "match"), photo: photo(1) };
      const second: Verification = { ...result("app-3", "dev-2:2", "mismatch"), photo: photo(2), createdAt: "2026-01-02T03:05:00.000Z" };
      assert.equal(await stores.verdicts.add(second, []), second);
      assert.equal(await stores.verdicts.add(first, []), first);
      const announcedBefore = (await stores.announced()).length;
      // The same photo under another impression id (e.g. a corrected sequence) is still the same photo.
      const again = await stores.verdicts.add({ ...result("app-3", "dev-2:9", "mismatch"), photo: photo(1) }, [{ kind: "photo-verified", result: first }]);
      assert.equal(again.verificationId, first.verificationId);
      assert.equal((await stores.announced()).length, announcedBefore, "nothing announced for the duplicate");
      assert.deepEqual(await stores.verdicts.findByMedia("media-1"), first);
      assert.equal(await stores.verdicts.findByMedia("media-none"), undefined);
      assert.deepEqual(
        (await stores.verdicts.listByApplication("org-a", "app-3")).map((v) => v.verificationId),
        [first.verificationId, second.verificationId],
      );
      assert.deepEqual(await stores.verdicts.listByApplication("org-b", "app-3"), []);
    });

    it("lists an organisation's unreviewed verdicts of the given kinds, newest first, bounded", async () => {
      const at = (minute: number) => `2026-02-01T10:${String(minute).padStart(2, "0")}:00.000Z`;
      const mismatch: Verification = { ...result("app-4", "dev-4:1", "mismatch"), finalVerdict: "mismatch", createdAt: at(1) };
      const newer: Verification = { ...result("app-4", "dev-4:2", "mismatch"), finalVerdict: "mismatch", createdAt: at(2) };
      const match: Verification = { ...result("app-4", "dev-4:3", "match"), createdAt: at(3) };
      const foreign: Verification = { ...result("app-5", "dev-5:1", "mismatch"), organisationId: "org-b", finalVerdict: "mismatch", createdAt: at(4) };
      for (const v of [mismatch, newer, match, foreign]) await stores.verdicts.add(v, []);
      const open = (limit = 10) => stores.verdicts.listUnreviewed("org-a", ["mismatch", "blank"], limit).then((list) => list.map((v) => v.verificationId));
      assert.deepEqual((await open()).filter((id) => [mismatch, newer, match].some((v) => v.verificationId === id)), [newer.verificationId, mismatch.verificationId]);
      assert.ok(!(await open()).includes(foreign.verificationId), "another organisation's verdicts are not listed");
      assert.equal((await open(1)).length, 1);
      // Once reviewed, a verdict leaves the open list.
      await stores.verdicts.update({ ...newer, reviews: [{ reviewerId: "keeper", decision: "confirm", verdict: "mismatch", note: "", at: at(5) }] }, 0, []);
      assert.ok(!(await open()).includes(newer.verificationId));
    });

    it("keeps each organisation's threshold profile, the default otherwise", async () => {
      assert.equal((await stores.profiles.forOrganisation("org-new")).name, DEFAULT_PROFILE.name);
      await stores.profiles.setForOrganisation("org-a", STRICT_PROFILE);
      assert.deepEqual(await stores.profiles.forOrganisation("org-a"), STRICT_PROFILE);
      assert.equal((await stores.profiles.forOrganisation("org-b")).name, "default");
    });
  });
}
