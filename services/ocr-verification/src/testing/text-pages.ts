import { createHash } from "node:crypto";
import { invalidArgument, notFound, resourceExhausted, type YunxiError } from "@yunxi/platform";
import type { MediaContent, MediaReader, OcrEngine, PageImageDecoder } from "../app/ports.js";

/** A two-page lease: form feed between the pages, clauses with numbers the comparison checks. */
export const LEASE_PAGE_1 = [
  "房屋租赁合同",
  "第一条 甲方将位于北京市海淀区中关村大街1号的房屋出租给乙方使用。",
  "第二条 租赁期限为十二个月，自2026年1月1日起至2026年12月31日止。",
  "第三条 每月租金为人民币8500元，乙方应于每月5日前支付。",
  "第四条 乙方不得将房屋转租给第三方，否则甲方有权解除合同。",
].join("\n");
export const LEASE_PAGE_2 = "第五条 本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。\n第六条 争议由房屋所在地人民法院管辖。";

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * For tests of the flow around OCR, not of OCR: a "photo" is UTF-8 text and this engine reads exactly
 * what its bytes say, so a test states what the camera saw.
 */
export const textEngine: OcrEngine = {
  name: "text-engine",
  reviewOnly: false,
  async read(page) {
    const text = Buffer.from(page.pixels).toString("utf8");
    return { engine: "text-engine", text, lines: text.split("\n").map((line) => ({ text: line, confidence: 0.99 })) };
  },
  async close() {},
};

/** Passes text "photos" through with ink on the page; bytes starting NOT-AN-IMAGE do not decode. */
export const textDecoder: PageImageDecoder = {
  async prepare(bytes) {
    if (Buffer.from(bytes).toString("utf8").startsWith("NOT-AN-IMAGE")) throw invalidArgument("the image could not be decoded");
    return { width: 1, height: 1, pixels: bytes, inkRatio: 0.3, sealBoxes: [] };
  },
};

/** Media as a map, per organisation; counts reads and can fail the next read with a given error. */
export class FakeMedia implements MediaReader {
  readonly objects = new Map<string, { organisationId: string; content: MediaContent }>();
  reads = 0;
  failNext: YunxiError | undefined;

  put(organisationId: string, mediaId: string, data: string | Buffer, contentType: string): { sha256: string } {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
    this.objects.set(mediaId, { organisationId, content: { bytes, contentType, sha256: sha256Hex(bytes) } });
    return { sha256: sha256Hex(bytes) };
  }

  async read(organisationId: string, mediaId: string, maxBytes: number): Promise<MediaContent> {
    this.reads++;
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    const object = this.objects.get(mediaId);
    if (!object || object.organisationId !== organisationId) throw notFound(`media ${mediaId} not found`);
    if (object.content.bytes.length > maxBytes) throw resourceExhausted("too large");
    return object.content;
  }
}
