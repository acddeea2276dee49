import type { Client, ServiceDefinition } from "@grpc/grpc-js";
import { callUnary, createGrpcClient, type CallContext, type Logger, type PeerDirectory, type PlatformConfig } from "@yunxi/platform";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";

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
