import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { after, describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import { RedisKeyValueStore } from "./redis-key-value-store.js";

const servers: Server[] = [];
const sockets: Socket[] = [];
after(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { server, port: (server.address() as { port: number }).port };
}

/** Fails with Unavailable naming the address, within the timeout plus a margin for a loaded machine. */
async function assertUnavailableWithin(store: RedisKeyValueStore, address: string, limitMs: number): Promise<void> {
  const started = Date.now();
  await assert.rejects(store.get("k"), (error: unknown) => {
    assert.ok(isYunxiError(error, "Unavailable"), String(error));
    assert.ok(error.message.includes(address), `message names ${address}: ${error.message}`);
    assert.doesNotMatch(error.message, /s3cret-pw/);
    return true;
  });
  assert.ok(Date.now() - started < limitMs, `failed after ${Date.now() - started} ms, limit ${limitMs} ms`);
}

describe("RedisKeyValueStore without a server", () => {
  it("fails fast with an error naming the address when nothing listens", async () => {
    const { server, port } = await listen(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    servers.splice(servers.indexOf(server), 1);
    const store = new RedisKeyValueStore({ url: `redis://:s3cret-pw@127.0.0.1:${port}`, namespace: "unreachable", connectTimeoutMs: 1000 });
    try {
      await assertUnavailableWithin(store, `127.0.0.1:${port}`, 5_000);
      // A second call tries again rather than reusing a stale failure or hanging.
      await assertUnavailableWithin(store, `127.0.0.1:${port}`, 5_000);
    } finally {
      await store.close();
    }
  });

  it("gives up within the connect timeout when the server accepts but never answers", async () => {
    const { port } = await listen((socket) => sockets.push(socket));
    const store = new RedisKeyValueStore({ url: `redis://127.0.0.1:${port}`, namespace: "silent", connectTimeoutMs: 800 });
    try {
      await assertUnavailableWithin(store, `127.0.0.1:${port}`, 5_000);
    } finally {
      await store.close();
    }
  });

  it("refuses a URL that is not redis://", () => {
    assert.throws(() => new RedisKeyValueStore({ url: "http://127.0.0.1:6379", namespace: "x" }), (e) => isYunxiError(e, "InvalidArgument"));
    assert.throws(() => new RedisKeyValueStore({ url: "not a url", namespace: "x" }), (e) => isYunxiError(e, "InvalidArgument"));
  });
});
