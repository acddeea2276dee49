import { after } from "node:test";
import { Redis } from "ioredis";
import { requireTestServer } from "../testing/servers.js";
import { keyValueStoreContract } from "./key-value-store.contract.js";
import { RedisKeyValueStore } from "./redis-key-value-store.js";

const namespaces: string[] = [];

// Every key the suite wrote carries a TTL, but the run still removes its namespaces rather than wait for them.
after(async () => {
  if (namespaces.length === 0) return;
  const admin = new Redis(await requireTestServer("redis"), { lazyConnect: true, connectTimeout: 3000, commandTimeout: 3000, maxRetriesPerRequest: 1 });
  try {
    await admin.connect();
    for (const namespace of namespaces) {
      let cursor = "0";
      for (let rounds = 0; rounds < 10_000; rounds++) {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${namespace}|*`, "COUNT", 500);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
        if (cursor === "0") break;
      }
    }
  } finally {
    admin.disconnect();
  }
});

keyValueStoreContract("RedisKeyValueStore", async (namespace) => {
  const url = await requireTestServer("redis");
  namespaces.push(namespace);
  return new RedisKeyValueStore({ url, namespace });
});
