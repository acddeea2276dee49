import { Metadata } from "@grpc/grpc-js";
import { randomUUID } from "node:crypto";

/**
 * What travels with every call between services: the caller's bearer token (each service verifies it
 * itself — permissions are checked in every service, not only at the gateway), the organisation the
 * caller acts for, and a request id for logs. Trace context travels separately (OpenTelemetry).
 */
export interface CallContext {
  readonly requestId: string;
  /** The caller's access token (JWT), exactly as received at the edge. */
  readonly bearerToken?: string;
  /** Organisation the caller acts in; a service must still check the token allows it. */
  readonly organisationId?: string;
}

export const METADATA_KEYS = Object.freeze({
  authorization: "authorization",
  organisation: "x-yunxi-organisation",
  requestId: "x-request-id",
});

export function contextToMetadata(context: CallContext, metadata = new Metadata()): Metadata {
  metadata.set(METADATA_KEYS.requestId, context.requestId);
  if (context.bearerToken) metadata.set(METADATA_KEYS.authorization, `Bearer ${context.bearerToken}`);
  if (context.organisationId) metadata.set(METADATA_KEYS.organisation, context.organisationId);
  return metadata;
}

export function contextFromMetadata(metadata: Metadata): CallContext {
  const first = (key: string): string | undefined => {
    const value = metadata.get(key)[0];
    return typeof value === "string" && value.length > 0 ? value : undefined;
  };
  const authorization = first(METADATA_KEYS.authorization);
  const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const organisationId = first(METADATA_KEYS.organisation);
  return {
    requestId: first(METADATA_KEYS.requestId) ?? randomUUID(),
    ...(bearer ? { bearerToken: bearer } : {}),
    ...(organisationId ? { organisationId } : {}),
  };
}
