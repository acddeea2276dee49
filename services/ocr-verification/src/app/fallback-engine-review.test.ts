import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SharpPageDecoder } from "../adapters/image/sharp-page-decoder.js";
import { MemoryOriginalStore, MemoryThresholdProfileStore, MemoryVerdictStore } from "../adapters/memory/memory-stores.js";
import { TesseractJsOcrEngine } from "../adapters/ocr/tesseract-js-ocr-engine.js";
import { captureLogger, imageOf, pageOf, samplePages } from "../testing/samples.js";
import { makeOcrVerificationService, type OcrVerificationService } from "./ocr-verification-service.js";

describe("the tesseract.js fallback: every verdict goes to review", { timeout: 180_000 }, () => {
  let engine: TesseractJsOcrEngine;
  let service: OcrVerificationService;
  const caller = { organisationId: "org-a", actor: "keeper-1" };

  before(async () => {
    engine = await TesseractJsOcrEngine.open();
    service = makeOcrVerificationService({
      decoder: new SharpPageDecoder(),
      engine,
      originals: new MemoryOriginalStore(),
      verdicts: new MemoryVerdictStore(),
      profiles: new MemoryThresholdProfileStore(),
      logger: captureLogger().logger,
    });
  });
  after(async () => {
    await engine?.close();
  });

  it("marks an unchanged page for review, keeping what the scores said, and reads real text", async () => {
    const samples = await samplePages();
    const lease = pageOf(samples, "p02_lease");
    await service.registerOriginal(caller, { applicationId: "app-1", pages: [{ text: lease.original ?? "" }] });
    const result = await service.verifyPhoto(caller, { applicationId: "app-1", impressionId: "dev-1:1", image: await imageOf(lease, "photo") });
    assert.equal(result.engine, "tesseract-js-chi_sim");
    assert.equal(result.outcome.verdict, "review");
    assert.notEqual(result.outcome.scoredVerdict, "review");
    assert.equal(result.outcome.page, 1);
    assert.ok(result.outcome.similarity > 0.8, `similarity ${result.outcome.similarity}`);
    assert.ok(result.outcome.reasons.some((r) => /fallback/.test(r)));
  });

  it("marks a blank page for review too", async () => {
    const samples = await samplePages();
    const result = await service.verifyPhoto(caller, { applicationId: "app-1", impressionId: "dev-1:2", image: await imageOf(pageOf(samples, "b01_blank"), "photo") });
    assert.equal(result.outcome.scoredVerdict, "blank");
    assert.equal(result.outcome.verdict, "review");
  });
});
