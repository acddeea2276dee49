import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { SharpPageDecoder } from "../adapters/image/sharp-page-decoder.js";
import { MemoryOriginalStore, MemoryThresholdProfileStore, MemoryVerdictStore } from "../adapters/memory/memory-stores.js";
import { PaddleOnnxOcrEngine } from "../adapters/ocr/paddle-onnx-ocr-engine.js";
import { MemoisingOcrEngine } from "../testing/memo-engine.js";
import { captureLogger, fixturePages, imageOf, pageOf, samplePages, type SamplePage } from "../testing/samples.js";
import { makeOcrVerificationService, type OcrVerificationService } from "./ocr-verification-service.js";

/**
 * The whole pipeline on real photos with the default engine: ink check, red channel, PP-OCRv4,
 * clause and number comparison. One engine, one thread, each photo read once.
 */
describe("OcrVerificationService with PP-OCRv4 on sample and generated photos", { timeout: 300_000 }, () => {
  const caller = { organisationId: "org-a", actor: "keeper-1" };
  let engine: MemoisingOcrEngine;
  let service: OcrVerificationService;
  let verdicts: MemoryVerdictStore;
  let samples: Map<string, SamplePage>;
  let fixtures: Map<string, SamplePage>;
  const { logger, text: logText } = captureLogger();
  let seq = 0;

  const register = (pages: readonly string[]) => {
    const applicationId = `app-${++seq}`;
    return service.registerOriginal(caller, { applicationId, pages: pages.map((text) => ({ text })) }).then(() => applicationId);
  };
  const verify = async (pages: readonly string[], photo: Buffer) => service.verifyPhoto(caller, { applicationId: await register(pages), impressionId: `imp-${seq}`, image: photo });
  const original = (page: SamplePage, which: "original" | "tamperedClause" | "tamperedNumber") => {
    const text = page[which];
    if (!text) throw new Error(`${page.id} has no ${which}`);
    return text;
  };

  before(async () => {
    [samples, fixtures] = await Promise.all([samplePages(), fixturePages()]);
    engine = new MemoisingOcrEngine(await PaddleOnnxOcrEngine.open({ threads: 1 }));
    verdicts = new MemoryVerdictStore();
    service = makeOcrVerificationService({
      decoder: new SharpPageDecoder(),
      engine,
      originals: new MemoryOriginalStore(),
      verdicts,
      profiles: new MemoryThresholdProfileStore(),
      logger,
    });
  });
  after(async () => {
    await engine?.close();
  });

  it("passes an unchanged page on a camera-like photo (sample lease, and a generated table page)", async () => {
    const lease = pageOf(samples, "p02_lease");
    const result = await verify([original(lease, "original")], await imageOf(lease, "photo"));
    assert.equal(result.outcome.verdict, "match", result.outcome.reasons.join("; "));
    assert.equal(result.outcome.page, 1);
    assert.ok(result.outcome.similarity > 0.95, `similarity ${result.outcome.similarity}`);
    const table = pageOf(fixtures, "g01_table");
    const generated = await verify([original(table, "original")], await imageOf(table, "photo"));
    assert.equal(generated.outcome.verdict, "match", generated.outcome.reasons.join("; "));
  });

  it("flags a changed clause and names it", async () => {
    const lease = pageOf(samples, "p02_lease");
    const result = await verify([original(lease, "tamperedClause")], await imageOf(lease, "photo"));
    assert.equal(result.outcome.verdict, "mismatch");
    assert.ok(result.outcome.changedClauses.some((c) => c.clause.includes("第四条") || c.errorRate >= 0.48));
    assert.ok((result.outcome.worstClause?.errorRate ?? 0) >= 0.48);
    const table = pageOf(fixtures, "g01_table");
    const generated = await verify([original(table, "tamperedClause")], await imageOf(table, "photo"));
    assert.equal(generated.outcome.verdict, "mismatch", generated.outcome.reasons.join("; "));
  });

  it("flags a single changed digit", async () => {
    const lease = pageOf(samples, "p02_lease");
    const result = await verify([original(lease, "tamperedNumber")], await imageOf(lease, "photo"));
    assert.equal(result.outcome.verdict, "mismatch");
    assert.deepEqual(
      result.outcome.digitMismatches.map((d) => d.expected),
      ["3933"],
    );
  });

  it("reports a page that is not in the application, and finds the right page of a multi-page original", async () => {
    const lease = pageOf(samples, "p02_lease");
    const photo = await imageOf(lease, "photo");
    const others = [original(pageOf(samples, "p01_purchase"), "original"), original(pageOf(samples, "p03_nda"), "original")];
    const extra = await verify(others, photo);
    assert.equal(extra.outcome.verdict, "unknown_page");
    assert.equal(extra.outcome.page, null);
    const inside = await verify([others[1] as string, original(lease, "original")], photo);
    assert.equal(inside.outcome.page, 2);
    assert.equal(inside.outcome.verdict, "match");
  });

  it("never passes a blank page: plain paper, and a page with only a seal on it", async () => {
    const lease = original(pageOf(samples, "p02_lease"), "original");
    const blank = await verify([lease], await imageOf(pageOf(samples, "b01_blank"), "photo"));
    assert.equal(blank.outcome.verdict, "blank");
    const sealOnly = await verify([lease], await imageOf(pageOf(fixtures, "seal_only"), "photo"));
    assert.equal(sealOnly.outcome.verdict, "blank");
  });

  it("stores each verdict, announces it, and raises an alarm for mismatch and blank", async () => {
    const kinds = verdicts.announced.map((a) => `${a.kind}:${a.result.outcome.verdict}`);
    assert.ok(kinds.includes("alarm:mismatch"));
    assert.ok(kinds.includes("alarm:blank"));
    assert.ok(!kinds.includes("alarm:match"));
    const verified = verdicts.announced.filter((a) => a.kind === "photo-verified");
    assert.equal(verified.length, seq);
  });

  it("returns the stored verdict for a redelivered impression without reading again", async () => {
    const lease = pageOf(samples, "p02_lease");
    const applicationId = await register([original(lease, "original")]);
    const photo = await imageOf(lease, "photo");
    const first = await service.verifyPhoto(caller, { applicationId, impressionId: "dev-1:42", image: photo });
    const calls = engine.calls;
    const again = await service.verifyPhoto(caller, { applicationId, impressionId: "dev-1:42", image: photo });
    assert.equal(again.verificationId, first.verificationId);
    assert.equal(engine.calls, calls);
  });

  it("lets a reviewer overturn a verdict, keeps the history, and hides other organisations' verdicts", async () => {
    const lease = pageOf(samples, "p02_lease");
    const result = await verify([original(lease, "tamperedNumber")], await imageOf(lease, "photo"));
    const reviewed = await service.reviewVerdict(caller, { verificationId: result.verificationId, decision: "overturn", verdict: "match", note: "amendment signed" });
    assert.equal(reviewed.finalVerdict, "match");
    assert.equal(reviewed.outcome.verdict, "mismatch");
    assert.equal(reviewed.reviews[0]?.reviewerId, "keeper-1");
    assert.equal(verdicts.announced.at(-1)?.kind, "verdict-reviewed");
    await assert.rejects(service.getVerdict({ organisationId: "org-b", actor: "x" }, result.verificationId), (e) => isYunxiError(e, "NotFound"));
    await assert.rejects(service.reviewVerdict(caller, { verificationId: result.verificationId, decision: "overturn", verdict: "review" }), (e) => isYunxiError(e, "InvalidArgument"));
  });

  it("logs no document text", () => {
    assert.doesNotMatch(logText(), /租赁|房屋|甲方|乙方/);
    assert.match(logText(), /photo verified/);
  });
});
