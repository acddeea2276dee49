import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The real servers integration and contract tests run against (see scripts/servers/). */
export type TestServerName = "postgres" | "redis" | "mqtt" | "kafka" | "s3" | "keycloak";

const MAIN_VARIABLE: Record<TestServerName, string> = {
  postgres: "YUNXI_TEST_POSTGRES_URL",
  redis: "YUNXI_TEST_REDIS_URL",
  mqtt: "YUNXI_TEST_MQTT_URL",
  kafka: "YUNXI_TEST_KAFKA_BROKERS",
  s3: "YUNXI_TEST_S3_URL",
  keycloak: "YUNXI_TEST_KEYCLOAK_URL",
};

let defaults: Record<string, string> | undefined;

/** Reads scripts/servers/servers.env, the single source of the test servers' addresses. */
function serverDefaults(): Record<string, string> {
  if (defaults) return defaults;
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/testing or src/testing -> repository root is four levels up.
  const file = resolve(here, "../../../../scripts/servers/servers.env");
  defaults = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) defaults[match[1]] = match[2];
  }
  return defaults;
}

/** A test-server setting: the environment wins (an external or testcontainers server), else servers.env. */
export function testSetting(variable: string): string {
  const value = process.env[variable] ?? serverDefaults()[variable];
  if (value === undefined) throw new Error(`test setting ${variable} is not defined in the environment or scripts/servers/servers.env`);
  return value;
}

function hostAndPort(name: TestServerName, value: string): { host: string; port: number } {
  const first = value.split(",")[0] ?? value;
  const withScheme = first.includes("://") ? first : `tcp://${first}`;
  const url = new URL(withScheme);
  const port = Number(url.port);
  if (!url.hostname || !port) throw new Error(`test server ${name}: cannot read host and port from ${MAIN_VARIABLE[name]}`);
  return { host: url.hostname, port };
}

/**
 * Returns the server's address after checking that it accepts TCP connections. A missing server is a
 * loud failure with the command that starts it, never a skipped test.
 */
export async function requireTestServer(name: TestServerName, timeoutMs = 3000): Promise<string> {
  const value = testSetting(MAIN_VARIABLE[name]);
  const { host, port } = hostAndPort(name, value);
  await new Promise<void>((resolvePromise, reject) => {
    const socket = connect({ host, port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(
        new Error(
          `test server "${name}" is not reachable at ${host}:${port} (${reason}). ` +
            `Start it with: npm run servers -- start ${name}   (npm test starts every server itself)`,
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail("timed out"));
    socket.once("connect", () => {
      socket.end();
      resolvePromise();
    });
    socket.once("error", (error) => fail(error.message));
  });
  return value;
}
