import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { ConfigError, defineConfig, env, loadConfigs, parseConfig, redactConfig, redactUrlPassword } from "./config.js";

const database = defineConfig({
  prefix: "DB_",
  schema: z.object({ URL: env.url(["postgres", "postgresql"]), POOL_SIZE: env.positiveInt().default(5), PASSWORD: z.string().optional() }),
});
const server = defineConfig({ prefix: "SRV_", schema: z.object({ PORT: env.port(), VERBOSE: env.boolean().default(false) }) });

describe("config", () => {
  it("parses prefixed variables with defaults and coercion", () => {
    const parsed = parseConfig(database, { DB_URL: "postgres://u:p@h:5432/d", DB_POOL_SIZE: "12" });
    assert.equal(parsed.ok, true);
    if (parsed.ok) {
      assert.equal(parsed.value.POOL_SIZE, 12);
      assert.equal(parsed.value.URL, "postgres://u:p@h:5432/d");
      assert.ok(Object.isFrozen(parsed.value));
    }
  });

  it("reports every bad variable of every spec in one error", () => {
    assert.throws(
      () => loadConfigs({ database, server }, { DB_URL: "not a url", DB_POOL_SIZE: "-1", SRV_PORT: "http", SRV_VERBOSE: "maybe" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const names = error.problems.map((p) => p.variable).sort();
        assert.deepEqual(names, ["DB_POOL_SIZE", "DB_URL", "SRV_PORT", "SRV_VERBOSE"]);
        for (const name of names) assert.match(error.message, new RegExp(name));
        return true;
      },
    );
  });

  it("says a required variable is not set, and treats empty strings as unset", () => {
    assert.throws(() => loadConfigs({ server }, { SRV_PORT: "" }), /SRV_PORT: is required but not set/);
  });

  it("redacts secret-looking keys and URL passwords when printed", () => {
    const parsed = parseConfig(database, { DB_URL: "postgres://yunxi:hunter2@db:5432/x", DB_PASSWORD: "hunter2" });
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    const printed = JSON.stringify(redactConfig(database, parsed.value));
    assert.doesNotMatch(printed, /hunter2/);
    assert.match(printed, /"DB_PASSWORD":"\[redacted\]"/);
    assert.match(printed, /postgres:\/\/yunxi:\*\*\*@db:5432\/x/);
    assert.equal(redactUrlPassword("redis://127.0.0.1:6379"), "redis://127.0.0.1:6379");
  });
});
