import { randomUUID } from "node:crypto";
import { loadPackageDefinition, type Client, type ClientReadableStream, type ServiceDefinition, type ServiceError } from "@grpc/grpc-js";
import { contextToMetadata, createGrpcClient, fromServiceError, internal, resourceExhausted } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { MediaContent, MediaReader } from "../../app/ports.js";

/** MediaService's definition from proto/yunxi/media/v1/media.proto. */
export function mediaServiceDefinition(): ServiceDefinition {
  const loaded = loadPackageDefinition(loadProtoDefinition("yunxi/media/v1/media.proto")) as unknown as {
    yunxi: { media: { v1: { MediaService: { service: ServiceDefinition } } } };
  };
  return loaded.yunxi.media.v1.MediaService.service;
}

interface ContentChunk {
  item: { contentType: string; size: string; sha256: string } | null;
  data: Buffer;
}

type StreamMethod = (request: unknown, metadata: unknown, options: unknown) => ClientReadableStream<ContentChunk>;

/**
 * Reads media content over gRPC (`GetMediaContent`, server-streaming) on ocr-verification's own behalf:
 * a service token (`yunxi_service: "ocr-verification"`) and, in `x-yunxi-organisation`, the organisation
 * the object belongs to (media looks the object up in that organisation only).
 * The declared size is checked against the cap before any data is taken, and the received bytes again
 * while they arrive, so an oversized object is cancelled rather than held in memory.
 */
export class GrpcMediaReader implements MediaReader {
  readonly #client: Client;

  constructor(
    address: string,
    private readonly serviceToken: () => Promise<string>,
    private readonly deadlineMs = 60_000,
    definition: ServiceDefinition = mediaServiceDefinition(),
  ) {
    this.#client = createGrpcClient(definition, { address });
  }

  async read(organisationId: string, mediaId: string, maxBytes: number): Promise<MediaContent> {
    const method = (this.#client as unknown as Record<string, StreamMethod | undefined>)["GetMediaContent"];
    if (!method) throw internal("media client lacks GetMediaContent");
    const metadata = contextToMetadata({ requestId: randomUUID(), bearerToken: await this.serviceToken(), organisationId });
    const stream = method.call(this.#client, { mediaId }, metadata, { deadline: new Date(Date.now() + this.deadlineMs) });
    const chunks: Buffer[] = [];
    let received = 0;
    let item: ContentChunk["item"] = null;
    try {
      for await (const chunk of stream as AsyncIterable<ContentChunk>) {
        if (chunk.item) {
          item = chunk.item;
          if (Number(item.size) > maxBytes) throw resourceExhausted(`media ${mediaId} has ${item.size} bytes, more than the ${maxBytes} allowed`);
        }
        received += chunk.data.length;
        if (received > maxBytes) throw resourceExhausted(`media ${mediaId} is larger than the ${maxBytes} bytes allowed`);
        if (chunk.data.length > 0) chunks.push(chunk.data);
      }
    } catch (error) {
      stream.cancel();
      if (isServiceError(error)) throw fromServiceError(error);
      throw error;
    }
    if (!item) throw internal(`media stream for ${mediaId} ended before its header`);
    if (received !== Number(item.size)) throw internal(`media stream for ${mediaId} ended after ${received} of ${item.size} bytes`);
    return { bytes: Buffer.concat(chunks, received), contentType: item.contentType, sha256: item.sha256 };
  }

  close(): void {
    this.#client.close();
  }
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === "number" && "metadata" in error;
}
