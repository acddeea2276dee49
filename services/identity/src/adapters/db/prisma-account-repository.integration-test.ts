import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { applyMigrations, createRootLogger, isYunxiError, PgSqlDatabase, quotedSchema } from "@yunxi/platform";
import { requireTestServer, uniqueSchema } from "@yunxi/platform/testing";
import { identityPrisma } from "../../module.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { BuiltInOidcIssuer } from "../tokens/built-in-oidc-issuer.js";
import { PrismaAccountRepository } from "./prisma-account-repository.js";
import { PrismaSigningKeyStore } from "./prisma-signing-key-store.js";

const logger = createRootLogger({ level: "silent" });

describe("identity's Prisma adapters on PostgreSQL", { timeout: 60_000 }, () => {
  const schema = uniqueSchema("identity_it");
  let url: string;
  let db: PgSqlDatabase;
  let prisma: PrismaClient;
  let nudges = 0;
  let accounts: PrismaAccountRepository;

  before(async () => {
    url = await requireTestServer("postgres");
    db = await PgSqlDatabase.open({ url, schema });
    await applyMigrations(db, fileURLToPath(new URL("../../../prisma/migrations", import.meta.url)), { schema, logger });
    prisma = identityPrisma(db);
    accounts = new PrismaAccountRepository(prisma, () => nudges++);
  });

  after(async () => {
    await prisma?.$disconnect();
    await db?.query(`DROP SCHEMA IF EXISTS ${quotedSchema(schema)} CASCADE`);
    await db?.close();
  });

  const newAccount = (mobile: string) => ({ id: randomUUID(), mobile, displayName: "测试", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$x$y", createdAt: new Date() });

  it("stores an account with its AccountRegistered event in one transaction; a taken number is AlreadyExists and leaves no event", async () => {
    const account = newAccount("13600000001");
    await accounts.create(account, { organisationId: randomUUID(), createdOrganisation: false });
    assert.equal(nudges, 1);
    assert.equal((await accounts.findByMobile("13600000001"))?.id, account.id);
    assert.equal((await accounts.findById(account.id))?.displayName, "测试");
    await assert.rejects(accounts.create(newAccount("13600000001"), { organisationId: randomUUID(), createdOrganisation: false }), (e: unknown) => isYunxiError(e, "AlreadyExists"));
    const events = await db.query<{ topic: string; key: string }>("SELECT topic, key FROM outbox_event");
    assert.deepEqual(events, [{ topic: "yunxi.identity.v1.account-registered", key: account.id }]);
  });

  it("counts failures atomically, locks, resets, and keeps login history newest first", async () => {
    const account = newAccount("13600000002");
    await accounts.create(account, { organisationId: randomUUID(), createdOrganisation: true });
    const counts = await Promise.all(Array.from({ length: 5 }, () => accounts.incrementFailedLogins(account.id)));
    assert.deepEqual([...counts].sort(), [1, 2, 3, 4, 5]);
    const until = new Date(Date.now() + 900_000);
    await accounts.lock(account.id, until, 0);
    assert.equal((await accounts.findById(account.id))?.lockedUntil?.getTime(), until.getTime());
    await accounts.resetFailedLogins(account.id);
    const reset = await accounts.findById(account.id);
    assert.equal(reset?.lockedUntil, undefined);
    assert.equal(reset?.failedLoginCount, 0);
    await accounts.addLoginHistory({ accountId: account.id, at: new Date(Date.now() - 1000), success: false, outcome: "wrong-password", ip: "203.0.113.9" });
    await accounts.addLoginHistory({ accountId: account.id, at: new Date(), success: true, outcome: "success" });
    const history = await accounts.listLoginHistory(account.id, 10);
    assert.deepEqual(history.map((h) => [h.outcome, h.ip]), [["success", undefined], ["wrong-password", "203.0.113.9"]]);
  });

  it("keeps one current signing key: a second issuer adopts the first's key, sealed at rest", async () => {
    const keys = new PrismaSigningKeyStore(prisma);
    const secret = "integration-secret-integration-secret-000";
    const [a, b] = [0, 1].map(() => new BuiltInOidcIssuer({ issuer: "http://127.0.0.1:1/oidc", keys, secret, logger }));
    await Promise.all([a!.start(), b!.start()]);
    const stored = await keys.list();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.current, true);
    const [ta, tb] = await Promise.all([a!.issueAccessToken({ subject: "s", roles: [] }), b!.issueAccessToken({ subject: "s", roles: [] })]);
    const kid = (token: string) => JSON.parse(Buffer.from(token.split(".")[0] as string, "base64url").toString()).kid;
    assert.equal(kid(ta.token), stored[0]?.kid);
    assert.equal(kid(tb.token), stored[0]?.kid);
  });
});
