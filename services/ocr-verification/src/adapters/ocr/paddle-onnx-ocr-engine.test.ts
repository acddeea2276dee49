import { ocrEngineContract } from "./ocr-engine.contract.js";
import { PaddleOnnxOcrEngine } from "./paddle-onnx-ocr-engine.js";

// Measured on these pages (docs/ocr-verification.md): 1.9 % on the lease photo, 4.7 % on the generated
// brush-font page whose last three lines lie under the seal.
ocrEngineContract("PaddleOnnxOcrEngine (PP-OCRv4, onnxruntime-node)", () => PaddleOnnxOcrEngine.open({ threads: 1 }), { samplePhotoCer: 0.03, fixturePhotoCer: 0.07, readsTables: true });
