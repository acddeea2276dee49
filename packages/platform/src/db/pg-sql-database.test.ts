import * as assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { PgSqlDatabase } from "./pg-sql-database.js";

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no port"));
      else resolve(address.port);
    });
  });
}

describe("PgSqlDatabase connection failures", { timeout: 30_000 }, () => {
  // Accepts TCP connections and never answers: the case that hangs forever without a connect timeout.
  const silent = createServer();
  const sockets = new Set<Socket>();
  let silentPort = 0;
  let closedPort = 0;

  before(async () => {
    silent.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    silentPort = await listen(silent);
    const probe = createServer();
    closedPort = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("fails with Unavailable naming host and port when the server never answers, within the connect timeout", async () => {
    const started = Date.now();
    await assert.rejects(
      PgSqlDatabase.open({ url: `postgres://svc:s3cret-pw@127.0.0.1:${silentPort}/yunxi`, schema: "probe", connectTimeoutMs: 300 }),
      (error: Error) => {
        assert.ok(isYunxiError(error, "Unavailable"), `expected Unavailable, got ${error.name}: ${error.message}`);
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${silentPort}`));
        assert.doesNotMatch(error.message, /s3cret-pw/);
        return true;
      },
    );
    // Generous bound: this guards against a hang, not a speed claim.
    assert.ok(Date.now() - started < 10_000, "connect attempt did not give up in time");
  });

  it("fails with Unavailable naming host and port when nothing listens", async () => {
    await assert.rejects(
      PgSqlDatabase.open({ url: `postgres://svc:s3cret-pw@127.0.0.1:${closedPort}/yunxi`, schema: "probe", connectTimeoutMs: 300 }),
      (error: Error) => {
        assert.ok(isYunxiError(error, "Unavailable"));
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${closedPort}`));
        assert.doesNotMatch(error.message, /s3cret-pw/);
        return true;
      },
    );
  });

  it("rejects a bad schema name before connecting", async () => {
    await assert.rejects(
      PgSqlDatabase.open({ url: `postgres://svc:pw@127.0.0.1:${closedPort}/yunxi`, schema: "drop table;", connectTimeoutMs: 300 }),
      (error: Error) => isYunxiError(error, "InvalidArgument"),
    );
  });
});
