import { createReadStream, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BUILT_IN_ISSUER_PATH, builtInIssuerUrl, createTokenVerifier, defineConfig, defineModule, env, httpStatusOf, JwksTokenVerifier, kindOf, LOCAL_BLOB_URL_PATH, LocalBlobStore, permissionDenied, publicMessage, SERVICE_CLAIM, unauthenticated, YunxiError, type TokenVerifier } from "@yunxi/platform";
import Fastify from "fastify";
import { z } from "zod";
import { openApiDocument, withRoutes } from "./openapi.js";
import { ALL_ROUTES } from "./routes/index.js";
import { DEFAULT_DEVICE_PHOTO_CONCURRENCY, DEFAULT_DEVICE_PHOTO_DEADLINE_MS, DEFAULT_DEVICE_PHOTO_RETRY_AFTER_SECONDS, makeMediaRoutes } from "./routes/media.js";
import { DEVICE_PHOTOS_PATH } from "./routes/media.js";
import { createGatewayDeps } from "./routes/route-module.js";
import { ReadinessChecker } from "./readiness.js";
import { checkZoneSettings, zoneConfigShape } from "./zone/zone-config.js";
import { installCentralZoneRouting, installZoneSide, zoneRoleOf, type CentralZoneRouting, type ZoneSide } from "./zone/zone-gateway.js";

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
    /** Deadline of one device photo upload through to media (encryption included); longer than the usual 5 s. */
    DEVICE_PHOTO_DEADLINE_MS: env.positiveInt().default(DEFAULT_DEVICE_PHOTO_DEADLINE_MS),
    /** Device photo uploads under way at once; one more is answered 503 with Retry-After at once. */
    DEVICE_PHOTO_CONCURRENCY: env.positiveInt().default(DEFAULT_DEVICE_PHOTO_CONCURRENCY),
    /** The Retry-After (seconds) sent with those 503s, shed or past the deadline. */
    DEVICE_PHOTO_RETRY_AFTER_SECONDS: env.positiveInt().default(DEFAULT_DEVICE_PHOTO_RETRY_AFTER_SECONDS),
    ...zoneConfigShape,
  }).superRefine(checkZoneSettings),
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

    let central: CentralZoneRouting | undefined;
    let zoneSide: ZoneSide | undefined;
    app.get("/healthz", async () => ({ status: "ok" }));
    app.get("/readyz", async (_request, reply) => {
      const report = await readiness.check();
      const gatewayStatus = context.health.get("gateway") === "SERVING" ? "SERVING" : "NOT_SERVING";
      const targets = { ...report.targets, gateway: gatewayStatus };
      const ready = report.ready && gatewayStatus === "SERVING";
      // Which tunnel certificate is in use and when it expires: renewals are picked up while running.
      const certificate = (central ?? zoneSide)?.certificate();
      const zoneTunnel = certificate && { role: central ? "central" : "zone", certificateSerial: certificate.serialNumber, certificateNotAfter: certificate.notAfter.toISOString() };
      return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", targets, ...(zoneTunnel ? { zoneTunnel } : {}) });
    });
    // Tokens are checked here AND again in every service: the edge turns away anonymous traffic early,
    // the services do not trust the edge. Only sign-up, sign-in and device photo uploads are open.
    const zoneRole = zoneRoleOf(context.config);
    const loopback = () => {
      const address = app.server.address();
      const host = context.platform.BIND_HOST === "0.0.0.0" || context.platform.BIND_HOST === "::" ? "127.0.0.1" : context.platform.BIND_HOST;
      return { host, port: typeof address === "object" && address ? address.port : context.platform.HTTP_PORT };
    };
    const loopbackOrigin = () => `http://${loopback().host}:${loopback().port}`;
    // A zone cannot reach the issuer: its gateway verifies against the JWKS it relays from the central
    // (served below at /oidc/jwks), fetched lazily on the first request, once the port is known.
    let zoneVerifier: TokenVerifier | undefined;
    const verifier: TokenVerifier =
      zoneRole === "zone"
        ? {
            verify: (token) => {
              zoneVerifier ??= new JwksTokenVerifier({
                issuer: context.platform.OIDC_ISSUER ?? builtInIssuerUrl(context.platform),
                jwksUrl: `${loopbackOrigin()}${BUILT_IN_ISSUER_PATH}/jwks`,
                timeoutMs: context.platform.CONNECT_TIMEOUT_MS,
              });
              return zoneVerifier.verify(token);
            },
          }
        : createTokenVerifier(context.platform);
    if (zoneRole === "central") {
      central = await installCentralZoneRouting(app, { settings: context.config, platform: context.platform, logger: context.logger, verifier, localOrigin: loopbackOrigin });
    } else if (zoneRole === "zone") {
      zoneSide = await installZoneSide(app, { settings: context.config, platform: context.platform, logger: context.logger, local: loopback });
    }
    app.addHook("preHandler", async (request) => {
      const path = request.url.split("?")[0] ?? "";
      // Device photo uploads carry a device capability that media checks, not a user token.
      if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/auth/") || path.startsWith(DEVICE_PHOTOS_PATH)) return;
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (!token) throw unauthenticated("an access token is required (Authorization: Bearer …)");
      const principal = await verifier.verify(token);
      // Internal service tokens are for calls between services, never for the public API.
      if (principal.claims[SERVICE_CLAIM] !== undefined) throw permissionDenied("service tokens are not accepted at the gateway");
    });

    const deps = createGatewayDeps(context.platform, context.logger, context.peers);
    // Users sign in centrally; a zone's /oidc/jwks relays the central issuer's keys instead of identity's.
    const media = makeMediaRoutes({
      devicePhotoDeadlineMs: context.config.DEVICE_PHOTO_DEADLINE_MS,
      devicePhotoConcurrency: context.config.DEVICE_PHOTO_CONCURRENCY,
      devicePhotoRetryAfterSeconds: context.config.DEVICE_PHOTO_RETRY_AFTER_SECONDS,
    });
    const configured = ALL_ROUTES.map((routes) => (routes.name === media.name ? media : routes));
    const routeGroups = zoneRole === "zone" ? configured.filter((routes) => routes.name !== "identity") : configured;
    for (const routes of routeGroups) await routes.register(app, deps);
    const document = withRoutes(openApiDocument, routeGroups);
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
    if (central) await central.listen();
    zoneSide?.dialer.start();
    context.announceEndpoint("console", url);
    context.onStop(async () => {
      await zoneSide?.close();
      await central?.close();
      await app.close();
      readiness.close();
      deps.close();
    });
  },
});
