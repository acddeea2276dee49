import { BUILT_IN_ISSUER_PATH, builtInIssuerUrl } from "@yunxi/platform";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { grpcService, parseRequest, type GatewayDeps, type GatewayRoutes } from "./route-module.js";

const MODULE = "identity";

const identityService = grpcService("yunxi/identity/v1/identity.proto", "yunxi.identity.v1.IdentityService");

const smsCodeBody = z.strictObject({ mobile: z.string() });
const registerBody = z
  .strictObject({
    mobile: z.string(),
    smsCode: z.string(),
    password: z.string(),
    displayName: z.string(),
    organisationCode: z.string().optional(),
    newOrganisationName: z.string().optional(),
    newOrganisationCode: z.string().optional(),
  })
  .refine((b) => (b.organisationCode === undefined) !== (b.newOrganisationName === undefined), {
    message: "give exactly one of organisationCode (join) and newOrganisationName (create)",
    path: ["organisationCode"],
  });
const loginBody = z.strictObject({ mobile: z.string(), password: z.string(), organisationId: z.string().optional() });
const switchBody = z.strictObject({ organisationId: z.string() });

/** Token responses must not be cached by browsers or proxies (RFC 6749 §5.1). */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-store").header("pragma", "no-cache");
}

const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ERROR_TEXT: Record<string, string> = {
  "400": "invalid input (violations name the fields), or a wrong or expired SMS code",
  "401": "wrong mobile number or password, or no valid access token",
  "403": "not a member of the requested organisation",
  "404": "no organisation with that code",
  "409": "the mobile number or organisation code is taken",
  "412": "the account is locked after repeated failed logins",
  "429": "too many SMS codes requested for this number",
  "503": "no SMS provider configured, or a service is unreachable",
};
const errors = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code] ?? "error", content: json("Error") }]));
const common = { tags: ["auth"], security: [] };

/**
 * Accounts and tokens (identity), and the built-in OIDC issuer's discovery document and JWKS at
 * `/oidc/…` (the path `createTokenVerifier` fetches in embedded mode).
 */
export const identityRoutes: GatewayRoutes = {
  name: MODULE,
  register(app, deps: GatewayDeps) {
    const call = <Res>(request: FastifyRequest, method: string, body: unknown) => deps.call<Res>(MODULE, identityService(), method, body, deps.callContext(request));
    const issuer = builtInIssuerUrl(deps.platform);

    app.get(`${BUILT_IN_ISSUER_PATH}/.well-known/openid-configuration`, async (_request, reply) =>
      reply.header("cache-control", "public, max-age=300").send({
        issuer,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["token"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["ES256"],
        claims_supported: ["sub", "iss", "exp", "iat", "jti", "name", "yunxi_org", "roles"],
      }),
    );
    app.get(`${BUILT_IN_ISSUER_PATH}/jwks`, async (request, reply) => {
      const { jwksJson } = await call<{ jwksJson: string }>(request, "GetJwks", {});
      return reply.type("application/jwk-set+json").header("cache-control", "public, max-age=60").send(jwksJson);
    });
    app.post("/api/v1/auth/sms-codes", async (request, reply) => reply.status(202).send(await call(request, "RequestSmsCode", parseRequest(smsCodeBody, request.body))));
    app.post("/api/v1/auth/register", async (request, reply) => {
      const body = parseRequest(registerBody, request.body);
      return noStore(reply).status(201).send(await call(request, "Register", body));
    });
    app.post("/api/v1/auth/login", async (request, reply) => {
      const body = parseRequest(loginBody, request.body);
      return noStore(reply).send(await call(request, "Login", { ...body, clientIp: request.ip }));
    });
    app.post("/api/v1/auth/switch-organisation", async (request, reply) => noStore(reply).send(await call(request, "SwitchOrganisation", parseRequest(switchBody, request.body))));
  },
  openApiPaths: {
    [`${BUILT_IN_ISSUER_PATH}/.well-known/openid-configuration`]: {
      get: { ...common, tags: ["oidc"], operationId: "getOpenIdConfiguration", summary: "Discovery document of the built-in OIDC issuer (embedded mode)", responses: { "200": { description: "OpenID provider metadata" } } },
    },
    [`${BUILT_IN_ISSUER_PATH}/jwks`]: {
      get: { ...common, tags: ["oidc"], operationId: "getJwks", summary: "Public signing keys of the built-in issuer (JWKS)", responses: { "200": { description: "JWK set", content: { "application/jwk-set+json": { schema: { $ref: "#/components/schemas/Jwks" } } } }, ...errors("503") } },
    },
    "/api/v1/auth/sms-codes": {
      post: {
        ...common,
        operationId: "requestSmsCode",
        summary: "Send a 6-digit code to a mobile number (valid 5 minutes, usable once, rate-limited)",
        requestBody: { required: true, content: json("SmsCodeRequest") },
        responses: { "202": { description: "code sent", content: json("SmsCodeSent") }, ...errors("400", "429", "503") },
      },
    },
    "/api/v1/auth/register": {
      post: {
        ...common,
        operationId: "register",
        summary: "Create an account and join (organisationCode) or create (newOrganisationName) an organisation",
        requestBody: { required: true, content: json("RegisterRequest") },
        responses: { "201": { description: "account created; token scoped to the organisation", content: json("TokenResponse") }, ...errors("400", "404", "409", "429", "503") },
      },
    },
    "/api/v1/auth/login": {
      post: {
        ...common,
        operationId: "login",
        summary: "Mobile number and password to access token; five failures lock the account for 15 minutes",
        requestBody: { required: true, content: json("LoginRequest") },
        responses: { "200": { description: "access token", content: json("TokenResponse") }, ...errors("400", "401", "403", "412", "503") },
      },
    },
    "/api/v1/auth/switch-organisation": {
      post: {
        tags: ["auth"],
        operationId: "switchOrganisation",
        summary: "A token for another organisation the caller belongs to",
        requestBody: { required: true, content: json("SwitchOrganisationRequest") },
        responses: { "200": { description: "access token", content: json("TokenResponse") }, ...errors("400", "401", "403") },
      },
    },
  },
  openApiSchemas: {
    Jwks: { type: "object", required: ["keys"], properties: { keys: { type: "array", items: { type: "object" } } } },
    SmsCodeRequest: { type: "object", additionalProperties: false, required: ["mobile"], properties: { mobile: { type: "string", pattern: "^1[3-9]\\d{9}$" } } },
    SmsCodeSent: {
      type: "object",
      properties: {
        expiresInSeconds: { type: "integer" },
        retryAfterSeconds: { type: "integer" },
        developmentCode: { type: "string", description: "Only with IDENTITY_SMS_PROVIDER=development (the embedded default): the code itself. Never present with a real SMS provider." },
      },
    },
    RegisterRequest: {
      type: "object",
      additionalProperties: false,
      required: ["mobile", "smsCode", "password", "displayName"],
      properties: {
        mobile: { type: "string", pattern: "^1[3-9]\\d{9}$" },
        smsCode: { type: "string", pattern: "^\\d{6}$" },
        password: { type: "string", minLength: 8, maxLength: 128 },
        displayName: { type: "string", minLength: 1, maxLength: 64 },
        organisationCode: { type: "string", description: "join this organisation (as a member)" },
        newOrganisationName: { type: "string", description: "create an organisation (as its administrator)" },
        newOrganisationCode: { type: "string", description: "optional code for the new organisation" },
      },
      oneOf: [{ required: ["organisationCode"] }, { required: ["newOrganisationName"] }],
    },
    LoginRequest: {
      type: "object",
      additionalProperties: false,
      required: ["mobile", "password"],
      properties: { mobile: { type: "string" }, password: { type: "string" }, organisationId: { type: "string", description: "act in this organisation; the first membership when absent" } },
    },
    SwitchOrganisationRequest: { type: "object", additionalProperties: false, required: ["organisationId"], properties: { organisationId: { type: "string" } } },
    TokenResponse: {
      type: "object",
      properties: {
        accessToken: { type: "string" },
        tokenType: { const: "Bearer" },
        expiresInSeconds: { type: "integer" },
        accountId: { type: "string" },
        organisationId: { type: "string" },
        memberships: {
          type: "array",
          items: { type: "object", properties: { organisationId: { type: "string" }, organisationCode: { type: "string" }, organisationName: { type: "string" }, roles: { type: "array", items: { type: "string" } } } },
        },
      },
    },
  },
};
