import { ocrEngineContract } from "./ocr-engine.contract.js";
import { TesseractJsOcrEngine } from "./tesseract-js-ocr-engine.js";

// The fallback is weak on photos and tables (3.4 % on the lease photo, 24 % on the purchase table);
// its bound is loose on purpose and its verdicts always go to review.
ocrEngineContract("TesseractJsOcrEngine (chi_sim, local data)", () => TesseractJsOcrEngine.open(), { samplePhotoCer: 0.1, fixturePhotoCer: undefined, readsTables: false });
