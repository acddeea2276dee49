import type { Metadata} from "@grpc/grpc-js";
import { credentials, makeGenericClientConstructor, type Client, type ChannelCredentials, type ServiceDefinition, type ServiceError } from "@grpc/grpc-js";
import { kindFromGrpcStatus, YunxiError, type ErrorKind, type FieldViolation } from "../errors/errors.js";
import { contextToMetadata, type CallContext } from "./call-context.js";

export interface ClientOptions {
  /** host:port */
  readonly address: string;
  readonly credentials?: ChannelCredentials;
  /** Default deadline for every call; calls never wait forever. */
  readonly deadlineMs?: number;
}

/** Builds a grpc-js client for a service definition loaded from proto/. */
export function createGrpcClient(definition: ServiceDefinition, options: ClientOptions): Client {
  const Constructor = makeGenericClientConstructor(definition, "");
  return new Constructor(options.address, options.credentials ?? credentials.createInsecure());
}

/**
 * Calls a unary method with the call context in metadata and a deadline, and maps a failure back to
 * the same error vocabulary the server threw (kind from the status, message from the details).
 */
export function callUnary<Req, Res>(
  client: Client,
  method: string,
  request: Req,
  context: CallContext,
  deadlineMs = 5000,
): Promise<Res> {
  const metadata: Metadata = contextToMetadata(context);
  const fn = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method];
  if (typeof fn !== "function") return Promise.reject(new YunxiError("Internal", `gRPC client has no method ${method}`));
  return new Promise<Res>((resolve, reject) => {
    fn.call(client, request, metadata, { deadline: new Date(Date.now() + deadlineMs) }, (error: ServiceError | null, response: Res) => {
      if (error) reject(fromServiceError(error));
      else resolve(response);
    });
  });
}

export function fromServiceError(error: ServiceError): YunxiError {
  const declared = error.metadata?.get("x-yunxi-error-kind")[0];
  const kind: ErrorKind = typeof declared === "string" ? (declared as ErrorKind) : kindFromGrpcStatus(error.code);
  const rawViolations = error.metadata?.get("x-yunxi-violations")[0];
  let violations: FieldViolation[] = [];
  if (typeof rawViolations === "string") {
    try {
      violations = JSON.parse(rawViolations) as FieldViolation[];
    } catch {
      violations = [];
    }
  }
  return new YunxiError(kind, error.details || error.message, { cause: error, violations });
}
