import { status as GrpcStatus } from "@grpc/grpc-js";

/**
 * The small, fixed error vocabulary every service speaks. Domain code throws these;
 * adapters translate them to gRPC statuses and HTTP codes through {@link ERROR_TABLE} only.
 */
export type ErrorKind =
  | "InvalidArgument"
  | "Unauthenticated"
  | "PermissionDenied"
  | "NotFound"
  | "AlreadyExists"
  | "FailedPrecondition"
  | "ResourceExhausted"
  | "Unavailable"
  | "Internal";

/** One table maps each kind to gRPC and HTTP; nothing else in the code base decides these numbers. */
export const ERROR_TABLE: Readonly<Record<ErrorKind, { grpc: GrpcStatus; http: number }>> = Object.freeze({
  InvalidArgument: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400 },
  Unauthenticated: { grpc: GrpcStatus.UNAUTHENTICATED, http: 401 },
  PermissionDenied: { grpc: GrpcStatus.PERMISSION_DENIED, http: 403 },
  NotFound: { grpc: GrpcStatus.NOT_FOUND, http: 404 },
  AlreadyExists: { grpc: GrpcStatus.ALREADY_EXISTS, http: 409 },
  FailedPrecondition: { grpc: GrpcStatus.FAILED_PRECONDITION, http: 412 },
  ResourceExhausted: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 429 },
  Unavailable: { grpc: GrpcStatus.UNAVAILABLE, http: 503 },
  Internal: { grpc: GrpcStatus.INTERNAL, http: 500 },
});

/** Field-level detail for InvalidArgument, safe to show to the caller. */
export interface FieldViolation {
  readonly field: string;
  readonly message: string;
}

/**
 * An error whose message is safe to return to the caller. Anything that is not a YunxiError
 * leaves a service as a generic Internal error; its details go to the log only.
 */
export class YunxiError extends Error {
  readonly kind: ErrorKind;
  readonly violations: readonly FieldViolation[];

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown; violations?: readonly FieldViolation[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = `YunxiError(${kind})`;
    this.kind = kind;
    this.violations = options?.violations ?? [];
  }
}

const make =
  (kind: ErrorKind) =>
  (message: string, options?: { cause?: unknown; violations?: readonly FieldViolation[] }): YunxiError =>
    new YunxiError(kind, message, options);

export const invalidArgument = make("InvalidArgument");
export const unauthenticated = make("Unauthenticated");
export const permissionDenied = make("PermissionDenied");
export const notFound = make("NotFound");
export const alreadyExists = make("AlreadyExists");
export const failedPrecondition = make("FailedPrecondition");
export const resourceExhausted = make("ResourceExhausted");
export const unavailable = make("Unavailable");
export const internal = make("Internal");

export function isYunxiError(error: unknown, kind?: ErrorKind): error is YunxiError {
  return error instanceof YunxiError && (kind === undefined || error.kind === kind);
}

/** The message a caller may see: the error's own for YunxiErrors, a generic one otherwise. */
export function publicMessage(error: unknown): string {
  return error instanceof YunxiError && error.kind !== "Internal" ? error.message : "internal error";
}

export function kindOf(error: unknown): ErrorKind {
  return error instanceof YunxiError ? error.kind : "Internal";
}

export function httpStatusOf(error: unknown): number {
  return ERROR_TABLE[kindOf(error)].http;
}

export function grpcStatusOf(error: unknown): GrpcStatus {
  return ERROR_TABLE[kindOf(error)].grpc;
}

const KIND_BY_GRPC = new Map<number, ErrorKind>(
  (Object.entries(ERROR_TABLE) as [ErrorKind, { grpc: GrpcStatus }][]).map(([kind, codes]) => [codes.grpc, kind]),
);
// Statuses outside the vocabulary that a client can still receive from the transport itself.
KIND_BY_GRPC.set(GrpcStatus.DEADLINE_EXCEEDED, "Unavailable");
KIND_BY_GRPC.set(GrpcStatus.CANCELLED, "Unavailable");
KIND_BY_GRPC.set(GrpcStatus.OUT_OF_RANGE, "InvalidArgument");
KIND_BY_GRPC.set(GrpcStatus.ABORTED, "FailedPrecondition");
KIND_BY_GRPC.set(GrpcStatus.UNIMPLEMENTED, "Internal");

/** Map a gRPC status received by a client back to the same vocabulary. */
export function kindFromGrpcStatus(code: number): ErrorKind {
  return KIND_BY_GRPC.get(code) ?? "Internal";
}
