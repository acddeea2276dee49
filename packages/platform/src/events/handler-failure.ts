import { YunxiError } from "../errors/errors.js";

/** gRPC statuses a peer answers while it is down, overloaded or slow: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
const PASSING_GRPC_CODES = new Set([4, 8, 14]);

/** Node socket and DNS errors of a server that is down or unreachable right now. */
const PASSING_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL SQLSTATEs that say "try again": connection exceptions (08), insufficient resources (53),
 * server shutting down or starting (57P01–57P03), serialization failure and deadlock (40001, 40P01).
 */
const PASSING_SQLSTATE = /^(?:08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-3]|40001|40P01)$/;

/** Prisma codes for an unreachable or timed-out database, a full pool and a write conflict. */
const PASSING_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);

/**
 * Whether a handler's error is a passing fault: something outside the message that will heal without a
 * code change (a database, peer or broker that is down, overloaded or slow). The bus retries those for
 * as long as they last. Anything else (a bug, a payload no version of the handler accepts, an
 * InvalidArgument, FailedPrecondition, Internal, a plain Error or TypeError) is permanent for this
 * message and is dead-lettered after the retry policy's `maxAttempts`.
 *
 * A {@link YunxiError} decides by its kind alone (Unavailable and ResourceExhausted are passing): the
 * code that chose the kind knew best. Other errors are recognised by the marks their libraries put on
 * them (gRPC status, Node system error code, SQLSTATE, Prisma code, KafkaJS `retriable`), on the error
 * or on any error in its `cause` chain.
 */
export function isPassingFault(error: unknown): boolean {
  let current: unknown = error;
  // The bound stops a cyclic cause chain.
  for (let depth = 0; depth < 8 && current !== null && typeof current === "object"; depth += 1) {
    if (current instanceof YunxiError) return current.kind === "Unavailable" || current.kind === "ResourceExhausted";
    if (hasPassingMark(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function hasPassingMark(error: object): boolean {
  const { code, retriable, name, details, metadata } = error as {
    code?: unknown;
    retriable?: unknown;
    name?: unknown;
    details?: unknown;
    metadata?: unknown;
  };
  // KafkaJS marks leader elections, coordinator moves and request timeouts as retriable.
  if (retriable === true) return true;
  // `fetch` with AbortSignal.timeout() rejects with a DOMException named TimeoutError.
  if (name === "TimeoutError") return true;
  if (typeof code === "number") {
    // A gRPC ServiceError: a status code with details and metadata.
    return typeof details === "string" && metadata !== undefined && PASSING_GRPC_CODES.has(code);
  }
  if (typeof code !== "string") return false;
  return PASSING_SYSTEM_CODES.has(code) || PASSING_SQLSTATE.test(code) || PASSING_PRISMA_CODES.has(code);
}
