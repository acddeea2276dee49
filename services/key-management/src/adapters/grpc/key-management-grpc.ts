import type { ServiceDefinition, UntypedServiceImplementation } from "@grpc/grpc-js";
import { loadPackageDefinition } from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { authenticateUserOrService, invalidArgument, permissionDenied, requirePermission, unary, type Caller, type Logger, type Permission, type TokenVerifier } from "@yunxi/platform";
import { loadProtoDefinition } from "@yunxi/proto";
import type { CallContext, EnvelopeService, KeyInfo } from "../../app/envelope-service.js";
import type { SecurityLevel, Suite } from "../../domain/suites.js";

export const KEY_MANAGEMENT_PROTO = "yunxi/key_management/v1/key_management.proto";

/** The package definition and service definition of KeyManagementService. */
export function keyManagementServiceDefinition(): { packageDefinition: PackageDefinition; service: ServiceDefinition } {
  const packageDefinition = loadProtoDefinition(KEY_MANAGEMENT_PROTO);
  const loaded = loadPackageDefinition(packageDefinition) as unknown as {
    yunxi: { key_management: { v1: { KeyManagementService: { service: ServiceDefinition } } } };
  };
  return { packageDefinition, service: loaded.yunxi.key_management.v1.KeyManagementService.service };
}

const SUITE_TO_PROTO: Record<Suite, string> = { "aes-256-gcm": "SUITE_AES_256_GCM", "sm4-ctr-hmac-sm3": "SUITE_SM4_CTR_HMAC_SM3" };
const SUITE_FROM_PROTO: Record<string, Suite | undefined> = { SUITE_AES_256_GCM: "aes-256-gcm", SUITE_SM4_CTR_HMAC_SM3: "sm4-ctr-hmac-sm3" };
const LEVEL_TO_PROTO: Record<SecurityLevel, string> = { qkd: "SECURITY_LEVEL_QKD", "qkd+pqc": "SECURITY_LEVEL_QKD_PQC", pqc: "SECURITY_LEVEL_PQC" };

interface NamedRequest {
  name: string;
}

/** Services whose background work uses an organisation's data keys without a user (media storing a device photo). */
export const DATA_KEY_SERVICES: readonly string[] = ["media"];

/** Permissions that make a caller a member who may use the organisation's keys (media acts for these callers). */
export const DATA_KEY_PERMISSIONS: readonly Permission[] = ["application.create", "device.manage", "records.read"];

type Access = "manage" | "use" | "read";

function authorise(caller: Caller, access: Access): void {
  if (access === "manage") return requirePermission(caller, "keys.manage");
  const allowed = access === "read" ? [...DATA_KEY_PERMISSIONS, "keys.manage" as const] : DATA_KEY_PERMISSIONS;
  if (!allowed.some((p) => caller.permissions.has(p))) throw permissionDenied(`missing permission: one of ${allowed.join(", ")}`);
}

/**
 * gRPC handlers translating KeyManagementService calls to the envelope service. Every call verifies the
 * bearer token and acts only in the token's organisation; key-ring management needs `keys.manage`, data
 * keys and encrypt/decrypt/rewrap need a member holding one of DATA_KEY_PERMISSIONS, or one of
 * DATA_KEY_SERVICES acting for the organisation named in the call.
 */
export function makeKeyManagementGrpc(service: EnvelopeService, logger: Logger, verifier: TokenVerifier): UntypedServiceImplementation {
  const handle = <Req, Res>(access: Access, fn: (request: Req, ctx: CallContext) => Promise<Res>) =>
    unary<Req, Res>(logger, async (request, context) => {
      const actor = await authenticateUserOrService(verifier, context, DATA_KEY_SERVICES);
      if (actor.kind === "service") {
        // A service only ever uses keys, for the organisation its event came from; it never manages them.
        if (access !== "use") throw permissionDenied(`service ${actor.service.service} may only use data keys`);
        return fn(request, { actor: `service:${actor.service.service}`, organisationId: actor.organisationId });
      }
      authorise(actor.caller, access);
      return fn(request, { actor: actor.caller.userId, organisationId: actor.caller.organisationId });
    });

  return {
    CreateKey: handle<NamedRequest & { suite: string }, unknown>("manage", async (req, ctx) => {
      const suite = optionalSuite(req.suite);
      return keyInfo(await service.createKey(ctx, req.name, suite ? { suite } : {}));
    }),
    GetKey: handle<NamedRequest, unknown>("read", async (req, ctx) => keyInfo(await service.getKey(ctx, req.name))),
    RotateKey: handle<NamedRequest, unknown>("manage", async (req, ctx) => keyInfo(await service.rotateKey(ctx, req.name))),
    SetKeyConfig: handle<NamedRequest & { minDecryptionVersion: number }, unknown>("manage", async (req, ctx) =>
      keyInfo(await service.setMinDecryptionVersion(ctx, req.name, req.minDecryptionVersion)),
    ),
    GenerateDataKey: handle<NamedRequest & { wrappedOnly: boolean; context: Buffer }, unknown>("use", async (req, ctx) => {
      // A member's first data key creates the organisation's key ring under its policy (as Vault Transit
      // upserts on encrypt), so media works before an administrator sets keys up; rotation stays managed.
      const dataKey = await service.generateDataKey(ctx, req.name, { wrappedOnly: req.wrappedOnly, context: req.context, createIfMissing: true });
      return {
        plaintext: dataKey.plaintext ?? Buffer.alloc(0),
        ciphertext: dataKey.ciphertext,
        keyVersion: dataKey.keyVersion,
        securityLevel: LEVEL_TO_PROTO[dataKey.securityLevel],
      };
    }),
    Encrypt: handle<NamedRequest & { plaintext: Buffer; context: Buffer }, unknown>("use", async (req, ctx) => ({
      ciphertext: await service.encrypt(ctx, req.name, req.plaintext, req.context),
    })),
    Decrypt: handle<NamedRequest & { ciphertext: string; context: Buffer }, unknown>("use", async (req, ctx) => ({
      plaintext: await service.decrypt(ctx, req.name, req.ciphertext, req.context),
    })),
    ReWrap: handle<NamedRequest & { ciphertext: string; context: Buffer }, unknown>("use", async (req, ctx) => ({
      ciphertext: await service.rewrap(ctx, req.name, req.ciphertext, req.context),
    })),
    SetOrganisationPolicy: handle<{ suite: string; requireQkd: boolean }, unknown>("manage", async (req, ctx) => {
      const suite = optionalSuite(req.suite);
      if (!suite) throw invalidArgument("suite is required", { violations: [{ field: "suite", message: "AES_256_GCM or SM4_CTR_HMAC_SM3" }] });
      const policy = await service.setPolicy(ctx, { suite, requireQkd: req.requireQkd });
      return { organisationId: policy.organisationId, suite: SUITE_TO_PROTO[policy.suite], requireQkd: policy.requireQkd };
    }),
    GetOrganisationPolicy: handle<Record<string, never>, unknown>("read", async (_req, ctx) => {
      const policy = await service.getPolicy(ctx.organisationId);
      return { organisationId: policy.organisationId, suite: SUITE_TO_PROTO[policy.suite], requireQkd: policy.requireQkd };
    }),
  };
}

function optionalSuite(value: string): Suite | undefined {
  if (value === "" || value === "SUITE_UNSPECIFIED") return undefined;
  const suite = SUITE_FROM_PROTO[value];
  if (!suite) throw invalidArgument(`unknown suite ${value}`);
  return suite;
}

function keyInfo(info: KeyInfo) {
  return {
    name: info.name,
    suite: SUITE_TO_PROTO[info.suite],
    latestVersion: info.latestVersion,
    minDecryptionVersion: info.minDecryptionVersion,
    versions: info.versions.map((v) => ({
      version: v.version,
      securityLevel: LEVEL_TO_PROTO[v.securityLevel],
      operations: String(v.operations),
      createdAt: v.createdAt.toISOString(),
    })),
  };
}
