// `servers.sh check [server...]`: one real operation against each running test server, the same
// way the platform's adapters talk to it. Settings come from the environment (servers.sh exports
// servers.env). Everything it creates has a per-run name and is removed again.
// Exit code 0 only if every named server passed.
import { randomUUID } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { Kafka, logLevel } from "kafkajs";
import { Client as MinioClient } from "minio";
import mqtt from "mqtt";
import pg from "pg";
import { Redis } from "ioredis";

const env = (name) => {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
};
const run = `check-${Date.now()}-${randomUUID().slice(0, 8)}`;

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function checkPostgres() {
  const client = new pg.Client({ connectionString: env("YUNXI_TEST_POSTGRES_URL") });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select current_user as who, rolsuper, rolcreatedb from pg_roles where rolname = current_user",
    );
    expect(rows[0]?.rolcreatedb === true, "test user lacks CREATEDB");
    const db = run.replace(/-/g, "_");
    await client.query(`create database ${db}`);
    await client.query(`drop database ${db}`);
    return `select ok as ${rows[0].who} (superuser=${rows[0].rolsuper}), create/drop database ok`;
  } finally {
    await client.end();
  }
}

async function checkRedis() {
  const redis = new Redis(env("YUNXI_TEST_REDIS_URL"), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    expect((await redis.ping()) === "PONG", "PING did not answer PONG");
    await redis.set(run, "1", "EX", 10);
    expect((await redis.get(run)) === "1", "GET did not return what SET stored");
    await redis.del(run);
    return "PING/SET/GET ok";
  } finally {
    redis.disconnect();
  }
}

function mqttConnect(options) {
  return withTimeout(
    new Promise((resolve, reject) => {
      const client = mqtt.connect(env("YUNXI_TEST_MQTT_URL"), { reconnectPeriod: 0, connectTimeout: 5000, ...options });
      client.once("connect", () => resolve(client));
      client.once("error", (error) => {
        client.end(true);
        reject(error);
      });
    }),
    8000,
    "mqtt connect",
  );
}

async function checkMqtt() {
  const admin = await mqttConnect({
    username: env("YUNXI_TEST_MQTT_ADMIN_USER"),
    password: env("YUNXI_TEST_MQTT_ADMIN_PASSWORD"),
    protocolVersion: 5,
  });
  const device = `${run}-device`;
  const devicePassword = randomUUID();
  const control = async (commands) => {
    const response = new Promise((resolve) => admin.once("message", (_topic, payload) => resolve(JSON.parse(payload.toString()))));
    await admin.publishAsync("$CONTROL/dynamic-security/v1", JSON.stringify({ commands }));
    const answer = await withTimeout(response, 5000, "dynamic-security response");
    for (const r of answer.responses) expect(!r.error, `dynamic-security ${r.command}: ${r.error}`);
    return answer;
  };
  try {
    await admin.subscribeAsync("$CONTROL/dynamic-security/v1/response");
    // The runtime path the platform uses: a per-device client and role, created over $CONTROL.
    await control([
      { command: "createRole", rolename: device, acls: [
        { acltype: "publishClientSend", topic: `yunxi/${run}/#`, allow: true },
        { acltype: "subscribePattern", topic: `yunxi/${run}/#`, allow: true },
        { acltype: "publishClientReceive", topic: `yunxi/${run}/#`, allow: true },
      ] },
      { command: "createClient", username: device, password: devicePassword, roles: [{ rolename: device }] },
    ]);
    const client = await mqttConnect({ username: device, password: devicePassword });
    try {
      await client.subscribeAsync(`yunxi/${run}/echo`, { qos: 1 });
      const received = new Promise((resolve) => client.once("message", (_topic, payload) => resolve(payload.toString())));
      await client.publishAsync(`yunxi/${run}/echo`, "ping", { qos: 1 });
      expect((await withTimeout(received, 5000, "mqtt echo")) === "ping", "device did not receive its own message");
    } finally {
      await client.endAsync();
    }
    let refused = false;
    await mqttConnect({ username: `${run}-unknown`, password: "wrong" }).then((c) => c.end(true), () => (refused = true));
    expect(refused, "an unknown user was allowed to connect");
    return "admin login, dynsec createClient/createRole, device pub/sub ok, unknown user refused";
  } finally {
    await control([{ command: "deleteClient", username: device }, { command: "deleteRole", rolename: device }]).catch(() => {});
    await admin.endAsync();
  }
}

async function checkKafka() {
  const kafka = new Kafka({
    clientId: run,
    brokers: env("YUNXI_TEST_KAFKA_BROKERS").split(","),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const topic = `yunxi.check.${run}`;
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: run });
  try {
    const cluster = await admin.describeCluster();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: "k", value: "hello" }] });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString()) });
    });
    expect((await withTimeout(received, 30000, "kafka consume")) === "hello", "consumer got another value");
    return `metadata ok (broker ${cluster.brokers[0]?.host}:${cluster.brokers[0]?.port}), produce + consumer-group consume ok`;
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
}

async function checkS3() {
  const url = new URL(env("YUNXI_TEST_S3_URL"));
  const options = {
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: url.protocol === "https:",
    region: process.env.YUNXI_TEST_S3_REGION ?? "us-east-1",
    pathStyle: true,
  };
  const s3 = new MinioClient({ ...options, accessKey: env("YUNXI_TEST_S3_ACCESS_KEY"), secretKey: env("YUNXI_TEST_S3_SECRET_KEY") });
  const bucket = run;
  const text = async (stream) => {
    let out = "";
    for await (const chunk of stream) out += chunk;
    return out;
  };
  await s3.makeBucket(bucket, options.region);
  try {
    await s3.putObject(bucket, "a.txt", Buffer.from("hello"));
    expect((await text(await s3.getObject(bucket, "a.txt"))) === "hello", "GET returned other content");
    const get = await fetch(await s3.presignedGetObject(bucket, "a.txt", 60));
    expect(get.status === 200 && (await get.text()) === "hello", `presigned GET answered ${get.status}`);
    const put = await fetch(await s3.presignedPutObject(bucket, "b.txt", 60), { method: "PUT", body: "world" });
    expect(put.ok, `presigned PUT answered ${put.status}`);
    expect((await text(await s3.getObject(bucket, "b.txt"))) === "world", "presigned PUT stored other content");
    const wrong = new MinioClient({ ...options, accessKey: env("YUNXI_TEST_S3_ACCESS_KEY"), secretKey: "not-the-secret" });
    let refused = false;
    await wrong.listBuckets().catch(() => (refused = true));
    expect(refused, "a wrong secret key was accepted");
    return "bucket/put/get ok, presigned GET and PUT ok, wrong secret refused";
  } finally {
    for (const name of ["a.txt", "b.txt"]) await s3.removeObject(bucket, name).catch(() => {});
    await s3.removeBucket(bucket).catch(() => {});
  }
}

async function checkKeycloak() {
  const issuer = `${env("YUNXI_TEST_KEYCLOAK_URL").replace(/\/$/, "")}/realms/${env("YUNXI_TEST_KEYCLOAK_REALM")}`;
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  expect(discovery.issuer === issuer, `issuer is ${discovery.issuer}, expected ${issuer}`);
  const token = async (form) => {
    const response = await fetch(discovery.token_endpoint, { method: "POST", body: new URLSearchParams(form) });
    const body = await response.json();
    expect(response.ok, `token endpoint answered ${response.status} ${body.error ?? ""} ${body.error_description ?? ""}`);
    return body.access_token;
  };
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const userToken = await token({
    grant_type: "password",
    client_id: env("YUNXI_TEST_KEYCLOAK_CONSOLE_CLIENT"),
    username: env("YUNXI_TEST_KEYCLOAK_USER"),
    password: env("YUNXI_TEST_KEYCLOAK_USER_PASSWORD"),
    scope: "openid",
  });
  const { payload } = await jwtVerify(userToken, jwks, { issuer });
  expect(payload.preferred_username === env("YUNXI_TEST_KEYCLOAK_USER"), "token is for another user");
  const serviceToken = await token({
    grant_type: "client_credentials",
    client_id: env("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT"),
    client_secret: env("YUNXI_TEST_KEYCLOAK_PLATFORM_CLIENT_SECRET"),
  });
  // The service account must be able to read users through the admin API (view-users).
  const users = await fetch(`${env("YUNXI_TEST_KEYCLOAK_URL").replace(/\/$/, "")}/admin/realms/${env("YUNXI_TEST_KEYCLOAK_REALM")}/users?username=${env("YUNXI_TEST_KEYCLOAK_USER")}&exact=true`, {
    headers: { authorization: `Bearer ${serviceToken}` },
  });
  expect(users.ok, `admin API users query answered ${users.status}`);
  const found = await users.json();
  expect(found.length === 1, "service account did not find the test user");
  return "password grant verified against JWKS, client_credentials + admin users query ok";
}

const checks = { postgres: checkPostgres, redis: checkRedis, mqtt: checkMqtt, kafka: checkKafka, s3: checkS3, keycloak: checkKeycloak };
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(checks);
let failed = 0;
for (const name of names) {
  const check = checks[name];
  if (!check) {
    console.error(`unknown server ${name}`);
    failed++;
    continue;
  }
  try {
    console.log(`${name.padEnd(9)} ok    ${await withTimeout(check(), 60000, name)}`);
  } catch (error) {
    failed++;
    console.log(`${name.padEnd(9)} FAIL  ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
