// End to end: the all-in-one process as `npm start` runs it (built output, embedded defaults).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { freePort, startPlatform, stopWithin } from "./support.mjs";

const SERVICES = ["identity", "organisation", "approval", "device-control", "media", "ocr-verification", "key-management", "audit", "gateway"];

describe("all-in-one on embedded defaults", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "yunxi-e2e-"));
  const running = new Set();
  after(() => {
    for (const p of running) p.child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("boots every module, answers /readyz 200 listing each, stops cleanly on SIGTERM, and a second start reuses the data", async () => {
    const env = async () => ({
      YUNXI_DATA_DIR: dataDir,
      YUNXI_HTTP_PORT: String(await freePort()),
      YUNXI_GRPC_PORT: String(await freePort()),
      YUNXI_MQTT_PORT: String(await freePort()),
    });
    const metricsPort = await freePort();
    const first = startPlatform({ ...(await env()), OTEL_METRICS_EXPORTER: "prometheus", OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort) });
    running.add(first);
    const url = await first.ready;

    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    const readiness = await fetch(`${url}/readyz`);
    const report = await readiness.json();
    assert.equal(readiness.status, 200, JSON.stringify(report));
    assert.equal(report.status, "ready");
    assert.deepEqual(Object.keys(report.targets).sort(), [...SERVICES].sort());
    for (const name of SERVICES) assert.equal(report.targets[name], "SERVING", name);

    const openapi = await (await fetch(`${url}/api/openapi.json`)).json();
    assert.equal(openapi.openapi, "3.1.0");
    const anonymous = await fetch(`${url}/api/v1/organisation`);
    assert.equal(anonymous.status, 401, "the gateway refuses API calls without a token");
    assert.equal((await anonymous.json()).error.kind, "Unauthenticated");
    const forged = await fetch(`${url}/api/v1/organisation`, { headers: { authorization: "Bearer a.b.c" } });
    assert.equal(forged.status, 401);

    const missing = await fetch(`${url}/no/such/route`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.kind, "NotFound");

    // Prometheus scrape: HTTP server metrics from the instrumentation, labelled with the service name.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    assert.match(metrics, /http_server_(request_)?duration/);
    assert.match(metrics, /yunxi-all-in-one/);

    const pgVersion = join(dataDir, "pglite", "PG_VERSION");
    assert.ok(existsSync(pgVersion), "embedded PostgreSQL lives under YUNXI_DATA_DIR");
    const created = statSync(pgVersion).mtimeMs;

    const stopped = await stopWithin(first, 10_000);
    running.delete(first);
    assert.equal(stopped.code, 0, `exit code after SIGTERM: ${JSON.stringify(first.output().stderr)}`);

    const second = startPlatform(await env());
    running.add(second);
    const secondUrl = await second.ready;
    const again = await fetch(`${secondUrl}/readyz`);
    assert.equal(again.status, 200);
    assert.equal(statSync(pgVersion).mtimeMs, created, "the second start reuses the existing database");
    const stoppedAgain = await stopWithin(second, 10_000);
    running.delete(second);
    assert.equal(stoppedAgain.code, 0);
  });

  it("names every bad setting at once and exits 2 without starting anything", async () => {
    const platform = startPlatform(
      { YUNXI_DATA_DIR: dataDir, TARGETS: "identity,nonsense", YUNXI_GRPC_PORT: "abc", YUNXI_DATABASE_URL: "not-a-url", GATEWAY_READY_CHECK_TIMEOUT_MS: "-5" },
      { waitForReady: false },
    );
    const { code } = await platform.exited;
    const { stderr } = platform.output();
    assert.equal(code, 2, stderr);
    for (const variable of ["TARGETS", "YUNXI_GRPC_PORT", "YUNXI_DATABASE_URL"]) assert.match(stderr, new RegExp(variable));
    assert.match(stderr, /nonsense/);
  });

  it("fails startup naming an unreachable PostgreSQL within the connect timeout, never hanging", async () => {
    const port = await freePort(); // nothing listens there
    const platform = startPlatform(
      {
        YUNXI_DATA_DIR: dataDir,
        TARGETS: "identity",
        YUNXI_GRPC_PORT: String(await freePort()),
        YUNXI_DATABASE_URL: `postgres://yunxi:secret-pw@127.0.0.1:${port}/yunxi`,
        YUNXI_CONNECT_TIMEOUT_MS: "2000",
      },
      { waitForReady: false },
    );
    const bound = new Promise((_, reject) => setTimeout(() => reject(new Error("startup hung")), 30_000));
    const { code } = await Promise.race([platform.exited, bound]);
    const { stderr, stdout } = platform.output();
    assert.equal(code, 1, stderr);
    assert.match(stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(stderr + stdout, /secret-pw/, "credentials never printed");
  });
});
