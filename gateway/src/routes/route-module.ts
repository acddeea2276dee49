import { loadPackageDefinition, type Client, type ServiceDefinition } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, invalidArgument, type CallContext, type FieldViolation, type Logger, type PeerDirectory, type PlatformConfig } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";
import type { z } from "zod";

/**
 * A group of REST routes for one service. The gateway translates HTTP/JSON to the service's gRPC API
 * and back; it checks the token too, but the service checks it again (and its permissions) itself.
 */
export interface GatewayRoutes {
  readonly name: string;
  register(app: FastifyInstance, deps: GatewayDeps): void | Promise<void>;
  /** OpenAPI 3.1 `paths` entries for these routes, merged into /api/openapi.json. */
  readonly openApiPaths: Readonly<Record<string, unknown>>;
  /** OpenAPI `components.schemas` entries these routes reference. */
  readonly openApiSchemas?: Readonly<Record<string, unknown>>;
}

export interface GatewayDeps {
  readonly platform: PlatformConfig;
  readonly logger: Logger;
  readonly peers: PeerDirectory;
  /** The call context for a request: bearer token, organisation header, request id. */
  callContext(request: FastifyRequest): CallContext;
  /** Calls a unary gRPC method of a module; errors come back as YunxiErrors (mapped to HTTP by the gateway). */
  call<Res>(moduleName: string, service: ServiceDefinition, method: string, request: unknown, context: CallContext): Promise<Res>;
}

export function createGatewayDeps(platform: PlatformConfig, logger: Logger, peers: PeerDirectory): GatewayDeps & { close(): void } {
  const clients = new Map<string, Client>();
  return {
    platform,
    logger,
    peers,
    callContext(request) {
      const authorization = request.headers.authorization;
      const bearer = typeof authorization === "string" ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
      const organisation = request.headers["x-yunxi-organisation"];
      const requestId = request.headers["x-request-id"];
      return {
        requestId: typeof requestId === "string" && requestId.length <= 100 ? requestId : randomUUID(),
        ...(bearer ? { bearerToken: bearer } : {}),
        ...(typeof organisation === "string" && organisation ? { organisationId: organisation } : {}),
      };
    },
    call<Res>(moduleName: string, service: ServiceDefinition, method: string, request: unknown, context: CallContext) {
      const address = peers.address(moduleName);
      const key = `${moduleName}@${address}`;
      let client = clients.get(key);
      if (!client) {
        client = createGrpcClient(service, { address });
        clients.set(key, client);
      }
      return callUnary<unknown, Res>(client, method, request, context);
    },
    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}

/**
 * A lazily loaded gRPC service definition from proto/, e.g.
 * `grpcService("yunxi/media/v1/media.proto", "yunxi.media.v1.MediaService")`: the gateway never imports a service.
 */
export function grpcService(protoPath: string, qualifiedName: string): () => ServiceDefinition {
  let definition: ServiceDefinition | undefined;
  return () => {
    if (!definition) {
      let node: unknown = loadPackageDefinition(loadProtoDefinition(protoPath));
      for (const part of qualifiedName.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
      const service = (node as { service?: ServiceDefinition } | undefined)?.service;
      if (!service) throw new Error(`${qualifiedName} is not defined in ${protoPath}`);
      definition = service;
    }
    return definition;
  };
}

/** Shape checks only (types, unknown fields), every problem at once; the service judges the values. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, where = "body"): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const violations: FieldViolation[] = result.error.issues.map((issue) => ({ field: issue.path.join(".") || where, message: issue.message }));
  throw invalidArgument(`invalid request ${where}`, { violations });
}

/** A path parameter ("" when absent, which the service refuses as invalid). */
export function pathParam(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string | undefined>)[name] ?? "";
}
