import { createReadStream, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createTokenVerifier, defineConfig, defineModule, env, httpStatusOf, kindOf, LOCAL_BLOB_URL_PATH, LocalBlobStore, publicMessage, unauthenticated, YunxiError } from "@yunxi/platform";
import Fastify from "fastify";
import { z } from "zod";
import { openApiDocument, withRoutes } from "./openapi.js";
import { ALL_ROUTES } from "./routes/index.js";
import { createGatewayDeps } from "./routes/route-module.js";
import { ReadinessChecker } from "./readiness.js";

/** The service modules a gateway fronts when it runs alone (cluster mode). */
export const SERVICE_MODULES = [
  "identity", "organisation", "approval", "device-control", "media", "ocr-verification", "key-management", "audit",
] as const;

const gatewayConfig = defineConfig({
  prefix: "GATEWAY_",
  schema: z.object({
    /** Modules /readyz checks; default: the other modules of this process, or every service when alone. */
    UPSTREAMS: env.list().optional(),
    READY_CHECK_TIMEOUT_MS: env.positiveInt().default(1500),
  }),
});

function consoleDirectory(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve("@yunxi/web/package.json")), "public");
    return existsSync(join(dir, "index.html")) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** HTTP/JSON edge for the console and custom front ends. */
export const gatewayModule = defineModule({
  name: "gateway",
  description: "HTTP/JSON edge: REST API, OpenAPI document, console, health and readiness",
  config: gatewayConfig,
  async start(context) {
    const others = context.targets.filter((t) => t !== "gateway");
    const upstreams = context.config.UPSTREAMS ?? (others.length > 0 ? others : [...SERVICE_MODULES]);
    const readiness = new ReadinessChecker(context.peers, upstreams, context.config.READY_CHECK_TIMEOUT_MS);
    const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

    app.setErrorHandler((error: unknown, request, reply) => {
      // Fastify's own 4xx (malformed JSON, body too large) keep their status; everything else goes
      // through the one error table, and only YunxiError messages reach the caller.
      const fastifyStatus = (error as { statusCode?: unknown }).statusCode;
      const isFastifyClientError = typeof fastifyStatus === "number" && fastifyStatus < 500 && !(error instanceof YunxiError);
      const status = isFastifyClientError ? fastifyStatus : httpStatusOf(error);
      if (status >= 500) context.logger.error({ err: error, path: request.url }, "request failed");
      const message = isFastifyClientError ? (error as Error).message : publicMessage(error);
      const kind = isFastifyClientError ? "InvalidArgument" : kindOf(error);
      const violations = error instanceof YunxiError && error.violations.length > 0 ? { violations: error.violations } : {};
      void reply.status(status).send({ error: { kind, message, ...violations } });
    });
    app.setNotFoundHandler((request, reply) => {
      void reply.status(404).send({ error: { kind: "NotFound", message: `no route ${request.method} ${request.url}` } });
    });

    if (context.platform.S3_ENDPOINT === undefined) {
      // Embedded mode: presigned blob URLs point at the gateway, which streams them to the local store.
      // Hijacked before body parsing so uploads stream straight to disk.
      const store = await context.infrastructure.blobStore();
      if (store instanceof LocalBlobStore) {
        app.addHook("onRequest", async (request, reply) => {
          if (!request.url.startsWith(LOCAL_BLOB_URL_PATH)) return;
          reply.hijack();
          await store.handleBlobHttpRequest(request.raw, reply.raw);
        });
      }
    }

    app.get("/healthz", async () => ({ status: "ok" }));
    app.get("/readyz", async (_request, reply) => {
      const report = await readiness.check();
      const gatewayStatus = context.health.get("gateway") === "SERVING" ? "SERVING" : "NOT_SERVING";
      const targets = { ...report.targets, gateway: gatewayStatus };
      const ready = report.ready && gatewayStatus === "SERVING";
      return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", targets });
    });
    // Tokens are checked here AND again in every service: the edge turns away anonymous traffic early,
    // the services do not trust the edge. Only sign-up and sign-in are open.
    const verifier = createTokenVerifier(context.platform);
    app.addHook("preHandler", async (request) => {
      const path = request.url.split("?")[0] ?? "";
      if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/auth/")) return;
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (!token) throw unauthenticated("an access token is required (Authorization: Bearer …)");
      await verifier.verify(token);
    });

    const deps = createGatewayDeps(context.platform, context.logger, context.peers);
    for (const routes of ALL_ROUTES) await routes.register(app, deps);
    const document = withRoutes(openApiDocument, ALL_ROUTES);
    app.get("/api/openapi.json", async () => document);

    const console = consoleDirectory();
    if (console) {
      app.get("/", async (_request, reply) => reply.type("text/html; charset=utf-8").send(createReadStream(join(console, "index.html"))));
    }

    await app.listen({ host: context.platform.BIND_HOST, port: context.platform.HTTP_PORT });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : context.platform.HTTP_PORT;
    const host = context.platform.BIND_HOST === "0.0.0.0" ? "127.0.0.1" : context.platform.BIND_HOST;
    const url = context.platform.PUBLIC_URL ?? `http://${host}:${port}`;
    context.logger.info({ url, upstreams }, "gateway listening");
    context.announceEndpoint("console", url);
    context.onStop(async () => {
      await app.close();
      readiness.close();
      deps.close();
    });
  },
});
