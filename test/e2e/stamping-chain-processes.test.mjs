// End to end: the stamping chain with every service in its own process (`TARGETS=<module>` of the built
// all-in-one), on the real test servers (PostgreSQL, Kafka, SeaweedFS S3, Redis, Mosquitto with dynamic
// security, Keycloak as the OIDC issuer), driven by the same driver as the embedded run (chain.mjs).
// Everything this run creates is its own: a fresh database (so fresh schemas), bucket, Redis database
// index, Keycloak users and devices, and an event namespace (its own Kafka topics and consumer groups, so
// the run neither reads earlier runs' history nor splits a group with a run going on at the same time).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { requireTestServer, testSetting } from "@yunxi/platform/testing";
import { Kafka, logLevel } from "kafkajs";
import * as Minio from "minio";
import pg from "pg";
import { driveStampingChain, tamperLedgerEntry } from "./chain.mjs";
import { eventually, freePort, startPlatform } from "./support.mjs";

/** Start order of services/all-in-one/src/modules.ts: keys first, the gateway last. */
const MODULES = ["key-management", "identity", "organisation", "audit", "approval", "device-control", "media", "ocr-verification", "gateway"];
const RUN = randomBytes(4).toString("hex");
/** YUNXI_EVENT_NAMESPACE of this run: every topic and consumer group it uses starts with `${EVENT_NAMESPACE}.`. */
const EVENT_NAMESPACE = `e2e-${RUN}`;
const STOP_MS = 10_000;

describe("the stamping chain with one process per service on real servers", { timeout: 240_000 }, () => {
  const processes = new Map(); // name → started process
  const mobiles = new Set(); // Keycloak users this run registered (username = mobile)
  const simulators = [];
  const dataDir = mkdtempSync(join(tmpdir(), "yunxi-chain-processes-"));
  const database = `yunxi_e2e_${RUN}`;
  const bucket = `yunxi-e2e-${RUN}`;
  let servers;

  before(async () => {
    // A missing server fails here, loudly, naming the command that starts it.
    servers = {
      postgres: await requireTestServer("postgres"),
      kafka: await requireTestServer("kafka"),
      s3: await requireTestServer("s3"),
      redis: await requireTestServer("redis"),
      mqtt: await requireTestServer("mqtt"),
      keycloak: (await requireTestServer("keycloak")).replace(/\/$/, ""),
    };
    await withAdminDatabase(servers.postgres, (client) => client.query(`CREATE DATABASE ${database}`));
  });

  after(async () => {
    for (const simulator of simulators) await simulator.stop().catch(() => undefined);
    for (const child of [...processes.values()].reverse()) child.child.kill("SIGTERM");
    await Promise.all([...processes.values()].map((p) => Promise.race([p.exited, delay(STOP_MS).then(() => p.child.kill("SIGKILL"))])));
    rmSync(dataDir, { recursive: true, force: true });
    if (!servers) return;
    const problems = [];
    const attempt = async (what, work) => work().catch((error) => problems.push(`${what}: ${error.message}`));
    await attempt("dropping the database", () => withAdminDatabase(servers.postgres, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)));
    await attempt("removing the bucket", () => removeBucket(servers.s3, bucket));
    await attempt("deleting the run's Kafka topics and consumer groups", () => deleteEventNamespace(servers.kafka, EVENT_NAMESPACE));
    await attempt("deleting Keycloak users", () => deleteKeycloakUsers(servers.keycloak, [...mobiles]));
    assert.deepEqual(problems, [], "cleanup");
  });

  /** Everything every process shares: the real servers, this run's names, one signing secret, the peers. */
  async function sharedEnvironment(ports) {
    const postgres = new URL(servers.postgres);
    postgres.pathname = `/${database}`;
    const redis = new URL(servers.redis);
    redis.pathname = `/${1 + (parseInt(RUN, 16) % 15)}`; // a Redis database index of its own, most runs
    return {
      YUNXI_REQUIRE_EXTERNAL: "true",
      YUNXI_DATABASE_URL: postgres.toString(),
      YUNXI_KAFKA_BROKERS: servers.kafka,
      YUNXI_EVENT_NAMESPACE: EVENT_NAMESPACE,
      YUNXI_S3_ENDPOINT: servers.s3,
      YUNXI_S3_REGION: testSetting("YUNXI_TEST_S3_REGION"),
      YUNXI_S3_BUCKET: bucket,
      YUNXI_S3_ACCESS_KEY: testSetting("YUNXI_TEST_S3_ACCESS_KEY"),
      YUNXI_S3_SECRET_KEY: testSetting("YUNXI_TEST_S3_SECRET_KEY"),
      YUNXI_REDIS_URL: redis.toString(),
      YUNXI_MQTT_URL: servers.mqtt,
      YUNXI_MQTT_ADMIN_USER: testSetting("YUNXI_TEST_MQTT_ADMIN_USER"),
      YUNXI_MQTT_ADMIN_PASSWORD: testSetting("YUNXI_TEST_MQTT_ADMIN_PASSWORD"),
      YUNXI_OIDC_ISSUER: `${servers.keycloak}/realms/${testSetting("YUNXI_TEST_KEYCLOAK_REALM")}`,
      YUNXI_OIDC_CLIENT_ID: testSetting("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT"),
      YUNXI_OIDC_CLIENT_SECRET: testSetting("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT_SECRET"),
      YUNXI_SIGNING_SECRET: randomBytes(36).toString("base64url"),
      YUNXI_PEER_ADDRESSES: MODULES.map((name) => `${name}=127.0.0.1:${ports[name]}`).join(","),
      // Codes of the development SMS provider appear only at info level; the test reads them from identity's log.
      IDENTITY_SMS_PROVIDER: "development",
      LOG_LEVEL: "info",
      // The alarm webhook receiver runs on 127.0.0.1, which alarm deliveries refuse unless allowed.
      ORGANISATION_ALARM_DELIVERY_ALLOWED_NETWORKS: "127.0.0.1/32",
    };
  }

  /** Starts one main.js; its output is kept for the failure report. */
  function start(name, env, options) {
    const moduleDir = join(dataDir, name);
    const started = startPlatform({ ...env, TARGETS: name, YUNXI_DATA_DIR: moduleDir, OTEL_SERVICE_NAME: name }, options);
    processes.set(name, started);
    return started;
  }

  /** The last lines each process wrote, for a failure message. */
  function tails(lines = 40) {
    return [...processes.entries()]
      .map(([name, p]) => {
        const { stdout, stderr } = p.output();
        const tail = (text) => text.trimEnd().split("\n").slice(-lines).join("\n");
        return `--- ${name} stdout ---\n${tail(stdout)}\n--- ${name} stderr ---\n${tail(stderr)}`;
      })
      .join("\n");
  }

  it("register → … → evidence, as in the embedded run, with each service in its own process", async (t) => {
    try {
      const ports = Object.fromEntries(await Promise.all(MODULES.map(async (name) => [name, await freePort()])));
      const gatewayHttpPort = await freePort();
      const env = await sharedEnvironment(ports);

      // Migrations run once, as the chart's hook Job does, before any service starts.
      const migrate = start("migrate", env, { waitForReady: false });
      const migrated = await Promise.race([migrate.exited, delay(120_000).then(() => ({ code: "timeout" }))]);
      assert.equal(migrated.code, 0, "TARGETS=migrate applies every module's migrations and exits 0");
      processes.delete("migrate");

      const started = MODULES.map((name) =>
        start(name, { ...env, YUNXI_GRPC_PORT: String(ports[name]), YUNXI_HTTP_PORT: String(name === "gateway" ? gatewayHttpPort : 0) }, name === "gateway" ? {} : { readyWhen: /Yunxi is ready/ }),
      );
      await Promise.all(started.map((p) => p.ready));
      const url = await started.at(-1).ready;

      const identity = processes.get("identity");
      const smsCodeFor = (mobile) => {
        mobiles.add(mobile);
        return eventually(`the SMS code for ${mobile} in identity's log`, async () => {
          let code;
          for (const line of identity.output().stdout.split("\n")) {
            if (!line.includes("developmentCode")) continue;
            const entry = JSON.parse(line);
            if (entry.mobile === mobile) code = entry.developmentCode;
          }
          return code;
        });
      };

      // The ledger lives in the run's database, schema "audit": change the byte there, under the running services.
      const tamperOneStoredByte = async ({ organisationId, sequence }) => {
        await withAdminDatabase(env.YUNXI_DATABASE_URL, (client) => tamperLedgerEntry(async (sql, params) => (await client.query(sql, params)).rowCount ?? 0, { organisationId, sequence }));
      };

      const result = await driveStampingChain({
        url,
        tamperOneStoredByte,
        storedObjects: () => objectsIn(servers.s3, bucket),
        mqttUrl: servers.mqtt,
        smsCodeFor,
        logs: () => [...processes.values()].map((p) => p.output().stdout + p.output().stderr).join("\n"),
        onSimulator: (simulator) => simulators.push(simulator),
      });
      t.diagnostic(`run ${RUN}: organisation ${result.people.admin.organisationId}, application ${result.application.id}`);
      // The chain above only passes if events flowed; check that they flowed through this run's namespace.
      const topics = await kafkaTopicsOf(servers.kafka, EVENT_NAMESPACE);
      assert.ok(topics.some((topic) => topic.startsWith(`${EVENT_NAMESPACE}.yunxi.approval.v1.`)), `the run's approval topics on Kafka: ${topics.join(", ")}`);
      // Several processes create the same topics at start; a topic that exists already is not an error.
      const loud = [...processes.entries()].flatMap(([name, p]) =>
        p.output().stdout.split("\n").filter((line) => line.includes('"level":"error"') && line.includes("Topic creation errors")).map((line) => `${name}: ${line}`),
      );
      assert.deepEqual(loud, [], "no error-level 'Topic creation errors' lines");
    } catch (error) {
      error.message += `\n\nprocess output (tails):\n${tails()}`;
      throw error;
    }
  });
});

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function withAdminDatabase(url, work) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every object body in the run's bucket. */
async function objectsIn(endpoint, bucket) {
  const client = s3Client(endpoint);
  const bodies = [];
  for await (const item of client.listObjectsV2(bucket, "", true)) {
    if (!item.name) continue;
    const chunks = [];
    for await (const chunk of await client.getObject(bucket, item.name)) chunks.push(chunk);
    bodies.push(Buffer.concat(chunks));
  }
  return bodies;
}

function s3Client(endpoint) {
  const url = new URL(endpoint);
  return new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: url.protocol === "https:",
    accessKey: testSetting("YUNXI_TEST_S3_ACCESS_KEY"),
    secretKey: testSetting("YUNXI_TEST_S3_SECRET_KEY"),
    region: testSetting("YUNXI_TEST_S3_REGION"),
    pathStyle: true,
  });
}

async function removeBucket(endpoint, bucket) {
  const client = s3Client(endpoint);
  if (!(await client.bucketExists(bucket))) return;
  const names = [];
  for await (const item of client.listObjectsV2(bucket, "", true)) if (item.name) names.push(item.name);
  if (names.length > 0) await client.removeObjects(bucket, names);
  await client.removeBucket(bucket);
}

function kafkaAdmin(brokers) {
  return new Kafka({ clientId: "yunxi-e2e", brokers: brokers.split(","), logLevel: logLevel.NOTHING, connectionTimeout: 5_000, requestTimeout: 15_000 }).admin();
}

/** The topics on the cluster that belong to `namespace`. */
async function kafkaTopicsOf(brokers, namespace) {
  const admin = kafkaAdmin(brokers);
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the topics and consumer groups of `namespace`; the processes are stopped, so no group is in use for long. */
async function deleteEventNamespace(brokers, namespace) {
  const admin = kafkaAdmin(brokers);
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 15_000 });
    let groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(`${namespace}.`));
    // A member whose process stopped may stay in its group until the broker's session timeout ends it
    // (seen once in CI: NON_EMPTY_GROUP); those are retried until then. Anything else is reported by name.
    const deadline = Date.now() + 60_000;
    while (groups.length > 0) {
      try {
        await admin.deleteGroups(groups);
        groups = [];
      } catch (error) {
        const failed = (error.groups ?? []).filter((group) => group.error?.type !== "GROUP_ID_NOT_FOUND");
        const waiting = failed.filter((group) => group.error?.type === "NON_EMPTY_GROUP");
        if (failed.length === 0) break;
        if (waiting.length < failed.length || Date.now() > deadline) {
          throw new Error(`${error.message}: ${failed.map((group) => `${group.groupId} ${group.error?.type ?? group.errorCode}`).join(", ")}`);
        }
        groups = waiting.map((group) => group.groupId);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** Deletes this run's users with the platform client's service account (it may manage users). */
async function deleteKeycloakUsers(keycloak, usernames) {
  if (usernames.length === 0) return;
  const realm = testSetting("YUNXI_TEST_KEYCLOAK_REALM");
  const grant = await fetch(`${keycloak}/realms/${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: testSetting("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT"), client_secret: testSetting("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT_SECRET") }),
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(grant.status, 200, "the platform client's token for cleanup");
  const headers = { authorization: `Bearer ${(await grant.json()).access_token}` };
  for (const username of usernames) {
    const found = await fetch(`${keycloak}/admin/realms/${realm}/users?exact=true&username=${encodeURIComponent(username)}`, { headers, signal: AbortSignal.timeout(10_000) });
    for (const user of await found.json()) {
      const deleted = await fetch(`${keycloak}/admin/realms/${realm}/users/${user.id}`, { method: "DELETE", headers, signal: AbortSignal.timeout(10_000) });
      assert.ok(deleted.status === 204 || deleted.status === 404, `deleting Keycloak user ${user.id}: ${deleted.status}`);
    }
  }
}
