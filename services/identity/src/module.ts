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
import { GrpcOrganisationDirectory } from "./adapters/organisation/grpc-organisation-directory.js";
import { DevelopmentSmsSender, DisabledSmsSender } from "./adapters/sms/development-sms-sender.js";
import { BuiltInOidcIssuer } from "./adapters/tokens/built-in-oidc-issuer.js";
import { makeIdentityService, type IdentityService } from "./app/identity-service.js";
import type { OrganisationDirectory, SmsSender } from "./app/ports.js";
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
}): Promise<IdentityParts> {
  const issuer = new BuiltInOidcIssuer({ issuer: builtInIssuerUrl(deps.platform as PlatformConfig), keys: new PrismaSigningKeyStore(deps.prisma), secret: deps.secret, logger: deps.logger });
  await issuer.start();
  const accounts = new PrismaAccountRepository(deps.prisma, deps.onEventsAppended);
  const service = makeIdentityService({
    accounts,
    passwords: new Argon2PasswordHasher(),
    smsCodes: new SmsCodes(deps.keyValue, deps.sms),
    organisations: deps.organisations(() => issuer.serviceToken()),
    tokens: issuer,
    clock: { now: () => new Date() },
    logger: deps.logger,
  });
  const grpc = makeIdentityGrpc({ service, jwks: () => issuer.jwks(), verifier: deps.verifier, logger: deps.logger });
  return { service, issuer, accounts, sms: deps.sms, grpc };
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
    });
    context.onStop(() => directories.forEach((d) => d.close()));
    const { service, packageDefinition } = identityServiceDefinition();
    context.grpc.addService(service, parts.grpc, packageDefinition);
  },
});
