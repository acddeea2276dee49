import { ocrEngineContract } from "./ocr-engine.contract.js";
import { PaddleOnnxOcrEngine } from "./paddle-onnx-ocr-engine.js";

// Measured on these pages (docs/ocr-verification.md): 1.9 % on the lease photo, 0.x % on the fixture.
ocrEngineContract("PaddleOnnxOcrEngine (PP-OCRv4, onnxruntime-node)", () => PaddleOnnxOcrEngine.open({ threads: 1 }), { samplePhotoCer: 0.03, fixturePhotoCer: 0.03 });
