import { fileURLToPath } from "node:url";
import {
  builtInIssuerUrl,
  createTokenVerifier,
  defineModule,
  failedPrecondition,
  OutboxRelay,
  PgliteSqlDatabase,
  PgSqlDatabase,
  prismaAdapterFor,
  schemaNameOf,
  signingSecret,
  type KeyValueStore,
  type Logger,
  type PlatformConfig,
  type SqlDatabase,
  type TokenVerifier,
} from "@yunxi/platform";
import { Argon2PasswordHasher } from "./adapters/crypto/argon2-password-hasher.js";
import { PrismaAccountRepository } from "./adapters/db/prisma-account-repository.js";
import { PrismaSigningKeyStore } from "./adapters/db/prisma-signing-key-store.js";
import { identityServiceDefinition, makeIdentityGrpc } from "./adapters/grpc/identity-grpc.js";
import { KeycloakAccounts } from "./adapters/keycloak/keycloak-accounts.js";
import { GrpcOrganisationDirectory } from "./adapters/organisation/grpc-organisation-directory.js";
import { DevelopmentSmsSender, DisabledSmsSender } from "./adapters/sms/development-sms-sender.js";
import { BuiltInOidcIssuer } from "./adapters/tokens/built-in-oidc-issuer.js";
import { makeIdentityService, type IdentityService } from "./app/identity-service.js";
import { makeExternalIdentityService } from "./app/external-identity-service.js";
import type { ExternalAccounts, OrganisationDirectory, SmsSender } from "./app/ports.js";
import { SmsCodes } from "./app/sms-codes.js";
import { identityConfig, type IdentityConfig } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";

export const IDENTITY_MODULE = "identity";

/** Builds identity's Prisma client over the platform's handle for its schema. */
export function identityPrisma(db: SqlDatabase): PrismaClient {
  if (!(db instanceof PgSqlDatabase) && !(db instanceof PgliteSqlDatabase)) throw failedPrecondition("identity needs a PostgreSQL or PGlite database handle");
  return new PrismaClient({ adapter: prismaAdapterFor(db) });
}

export interface IdentityParts {
  readonly service: IdentityService;
  readonly issuer: BuiltInOidcIssuer;
  readonly accounts: PrismaAccountRepository;
  readonly sms: SmsSender;
  readonly grpc: ReturnType<typeof makeIdentityGrpc>;
}

/** Wires identity from its adapters (plain factory; the module and the handler tests both use it). */
export async function createIdentity(deps: {
  readonly prisma: PrismaClient;
  readonly keyValue: KeyValueStore;
  readonly platform: Pick<PlatformConfig, "BIND_HOST" | "HTTP_PORT" | "PUBLIC_URL">;
  readonly secret: string;
  readonly sms: SmsSender;
  readonly organisations: (serviceToken: () => Promise<string>) => OrganisationDirectory;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  readonly onEventsAppended?: () => void;
  /** Keycloak mode: accounts, passwords and user tokens are the provider's; service tokens come from it too. */
  readonly external?: ExternalAccounts & { serviceToken(): Promise<string> };
}): Promise<IdentityParts> {
  const issuer = new BuiltInOidcIssuer({ issuer: builtInIssuerUrl(deps.platform as PlatformConfig), keys: new PrismaSigningKeyStore(deps.prisma), secret: deps.secret, logger: deps.logger });
  await issuer.start();
  const accounts = new PrismaAccountRepository(deps.prisma, deps.onEventsAppended);
  const smsCodes = new SmsCodes(deps.keyValue, deps.sms);
  const external = deps.external;
  const service = external
    ? makeExternalIdentityService({ accounts: external, smsCodes, organisations: deps.organisations(() => external.serviceToken()), logger: deps.logger })
    : makeIdentityService({
        accounts,
        passwords: new Argon2PasswordHasher(),
        smsCodes,
        organisations: deps.organisations(() => issuer.serviceToken()),
        tokens: issuer,
        clock: { now: () => new Date() },
        logger: deps.logger,
      });
  const sms = deps.sms;
  // The development provider's whole purpose is to show codes; answering with them lets tools register.
  const shown: IdentityService =
    sms instanceof DevelopmentSmsSender && sms.showsCodes
      ? { ...service, requestSmsCode: async (mobile) => ({ ...(await service.requestSmsCode(mobile)), developmentCode: sms.lastCode(mobile) ?? "" }) }
      : service;
  const grpc = makeIdentityGrpc({ service: shown, jwks: () => issuer.jwks(), verifier: deps.verifier, logger: deps.logger });
  return { service: shown, issuer, accounts, sms: deps.sms, grpc };
}

/** Keycloak mode when YUNXI_OIDC_ISSUER is set: the platform client's credentials are then required. */
function keycloakAccounts(platform: PlatformConfig): KeycloakAccounts | undefined {
  if (!platform.OIDC_ISSUER) return undefined;
  if (!platform.OIDC_CLIENT_ID || !platform.OIDC_CLIENT_SECRET) {
    throw failedPrecondition("YUNXI_OIDC_ISSUER is set: identity also needs YUNXI_OIDC_CLIENT_ID and YUNXI_OIDC_CLIENT_SECRET (a client with a service account allowed to manage users)");
  }
  return new KeycloakAccounts({ issuer: platform.OIDC_ISSUER, clientId: platform.OIDC_CLIENT_ID, clientSecret: platform.OIDC_CLIENT_SECRET, timeoutMs: platform.CONNECT_TIMEOUT_MS });
}

function smsSender(config: IdentityConfig, platform: PlatformConfig, logger: Logger): SmsSender {
  const provider = config.SMS_PROVIDER ?? (platform.DATABASE_URL === undefined ? "development" : "disabled");
  if (provider === "development") {
    logger.warn("IDENTITY_SMS_PROVIDER=development: SMS codes are not sent but written to the log (development only)");
    return new DevelopmentSmsSender({ logger, logCodes: true });
  }
  return new DisabledSmsSender();
}

/** Accounts, SMS codes, passwords and tokens; the built-in OIDC issuer in embedded mode. */
export const identityModule = defineModule({
  name: IDENTITY_MODULE,
  description: "Accounts, SMS codes, passwords, sessions and tokens; the built-in OIDC issuer (Keycloak-backed in a cluster)",
  config: identityConfig,
  uses: ["database", "cache", "events"],
  migrationsDir: fileURLToPath(new URL("../prisma/migrations", import.meta.url)),
  async start(context) {
    const config = context.config as IdentityConfig;
    const db = await context.infrastructure.database(schemaNameOf(IDENTITY_MODULE));
    const prisma = identityPrisma(db);
    context.onStop(() => prisma.$disconnect());
    const relay = new OutboxRelay({ db, bus: await context.infrastructure.eventBus(), logger: context.logger });
    relay.start();
    context.onStop(() => relay.stop());
    const directories: GrpcOrganisationDirectory[] = [];
    const keycloak = keycloakAccounts(context.platform);
    const parts = await createIdentity({
      prisma,
      keyValue: await context.infrastructure.keyValue(IDENTITY_MODULE),
      platform: context.platform,
      secret: context.platform.SIGNING_SECRET ?? signingSecret(context.platform.DATA_DIR),
      sms: smsSender(config, context.platform, context.logger),
      organisations: (serviceToken) => {
        const directory = new GrpcOrganisationDirectory(context.peers.address("organisation"), serviceToken, config.ORGANISATION_DEADLINE_MS);
        directories.push(directory);
        return directory;
      },
      verifier: createTokenVerifier(context.platform),
      logger: context.logger,
      onEventsAppended: () => relay.nudge(),
      ...(keycloak ? { external: keycloak } : {}),
    });
    context.onStop(() => directories.forEach((d) => d.close()));
    const { service, packageDefinition } = identityServiceDefinition();
    context.grpc.addService(service, parts.grpc, packageDefinition);
  },
});
