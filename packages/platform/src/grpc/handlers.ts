import { Metadata, type ServerUnaryCall, type sendUnaryData, type ServiceError } from "@grpc/grpc-js";
import type { Logger } from "pino";
import { grpcStatusOf, isYunxiError, publicMessage, YunxiError } from "../errors/errors.js";
import { contextFromMetadata, type CallContext } from "./call-context.js";

/**
 * Wraps a promise-returning handler as a grpc-js unary handler: reads the call context, maps
 * YunxiErrors through the one error table, and turns anything else into a generic INTERNAL whose
 * details go to the log only.
 */
export function unary<Req, Res>(
  logger: Logger,
  handler: (request: Req, context: CallContext) => Promise<Res>,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    const context = contextFromMetadata(call.metadata);
    handler(call.request, context).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error, logger, context.requestId)),
    );
  };
}

export function toServiceError(error: unknown, logger: Logger, requestId?: string): Partial<ServiceError> {
  const code = grpcStatusOf(error);
  if (!isYunxiError(error) || error.kind === "Internal") {
    logger.error({ err: error, requestId }, "unhandled error in gRPC handler");
  }
  const metadata = new Metadata();
  if (error instanceof YunxiError) {
    metadata.set("x-yunxi-error-kind", error.kind);
    // Metadata values must be ASCII: escape the rest as JSON \u sequences, which JSON.parse restores.
    if (error.violations.length > 0) metadata.set("x-yunxi-violations", asciiJson(error.violations));
  }
  return { code, details: publicMessage(error), metadata };
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
