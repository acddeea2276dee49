import { z } from "zod";
import { defineConfig, env, type ConfigOf } from "../config/config.js";
import { DEFAULT_MAX_ATTEMPTS } from "../events/backoff.js";
import { eventNamespaceSchema } from "../events/event-namespace.js";
import { peerAddressesSchema } from "./peer-addresses.js";

/**
 * Process-wide settings (YUNXI_*). Each dependency is external when its variable is set and embedded
 * otherwise; YUNXI_REQUIRE_EXTERNAL=true (set by the Helm chart) turns a missing one into a startup
 * error, so a cluster never silently runs on embedded storage.
 */
export const platformConfigSpec = defineConfig({
  prefix: "YUNXI_",
  schema: z.object({
    BIND_HOST: z.string().default("127.0.0.1"),
    GRPC_PORT: env.port().default(50051),
    HTTP_PORT: env.port().default(8080),
    /** Public base URL of the gateway (links in presigned URLs, console URL printed at start). */
    PUBLIC_URL: env.url(["http", "https"]).optional(),
    DATA_DIR: z.string().default("./data"),
    /** How a module finds a peer that runs in another process: `{name}` is the module name. */
    PEER_ADDRESS_TEMPLATE: z.string().default("{name}:50051"),
    /** `name=host:port,…`: per-peer addresses that override the template (e.g. one process per service on one host). */
    PEER_ADDRESSES: peerAddressesSchema().optional(),
    REQUIRE_EXTERNAL: env.boolean().default(false),
    START_TIMEOUT_MS: env.positiveInt().default(60000),
    SHUTDOWN_TIMEOUT_MS: env.positiveInt().default(8000),
    CONNECT_TIMEOUT_MS: env.positiveInt().default(5000),
    DATABASE_URL: env.url(["postgres", "postgresql"]).optional(),
    KAFKA_BROKERS: env.list().optional(),
    /**
     * Prefix of every Kafka topic and consumer group id (`<namespace>.yunxi.…`), so installations or test
     * runs sharing one Kafka cluster stay apart. Unset: the unprefixed names. The embedded bus ignores it.
     */
    EVENT_NAMESPACE: eventNamespaceSchema().optional(),
    /**
     * Failures that are not passing faults (anything but Unavailable/ResourceExhausted and the like) an
     * event may have in one consumer group before it goes to the group's dead-letter topic. Both buses.
     */
    EVENT_MAX_ATTEMPTS: env.positiveInt().default(DEFAULT_MAX_ATTEMPTS),
    S3_ENDPOINT: env.url(["http", "https"]).optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_BUCKET: z.string().default("yunxi"),
    S3_ACCESS_KEY: z.string().optional(),
    S3_SECRET_KEY: z.string().optional(),
    REDIS_URL: env.url(["redis", "rediss"]).optional(),
    MQTT_URL: env.url(["mqtt", "mqtts", "tcp", "ssl"]).optional(),
    MQTT_ADMIN_USER: z.string().optional(),
    MQTT_ADMIN_PASSWORD: z.string().optional(),
    /** The broker URL handed to devices, when they reach it through another address (NAT, LoadBalancer). */
    MQTT_PUBLIC_URL: env.url(["mqtt", "mqtts", "tcp", "ssl"]).optional(),
    /** Port of the embedded MQTT broker when YUNXI_MQTT_URL is not set. */
    MQTT_PORT: env.port().default(1883),
    OIDC_ISSUER: env.url(["http", "https"]).optional(),
    /**
     * Where to fetch the issuer's signing keys instead of OIDC discovery: a department zone cannot reach
     * Keycloak, so the chart points its modules at the zone gateway's `/oidc/jwks` relay.
     */
    OIDC_JWKS_URL: env.url(["http", "https"]).optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    KME_URL: env.url(["https", "http"]).optional(),
    /** Secret for signing local presigned blob URLs and similar; generated and kept in DATA_DIR if unset. */
    SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  }),
});

export type PlatformConfig = ConfigOf<typeof platformConfigSpec>;

/** The external settings that YUNXI_REQUIRE_EXTERNAL demands, with the variables that provide them. */
export function missingExternalSettings(config: PlatformConfig): { variable: string; message: string }[] {
  const missing: { variable: string; message: string }[] = [];
  const need = (ok: boolean, variable: string, what: string) => {
    if (!ok) missing.push({ variable, message: `is required when YUNXI_REQUIRE_EXTERNAL=true (${what})` });
  };
  need(config.DATABASE_URL !== undefined, "YUNXI_DATABASE_URL", "PostgreSQL");
  need(config.KAFKA_BROKERS !== undefined, "YUNXI_KAFKA_BROKERS", "Kafka");
  need(config.S3_ENDPOINT !== undefined, "YUNXI_S3_ENDPOINT", "S3 object storage");
  need(config.S3_ENDPOINT === undefined || config.S3_ACCESS_KEY !== undefined, "YUNXI_S3_ACCESS_KEY", "S3 credentials");
  need(config.S3_ENDPOINT === undefined || config.S3_SECRET_KEY !== undefined, "YUNXI_S3_SECRET_KEY", "S3 credentials");
  need(config.REDIS_URL !== undefined, "YUNXI_REDIS_URL", "Redis");
  need(config.MQTT_URL !== undefined, "YUNXI_MQTT_URL", "MQTT broker");
  need(config.OIDC_ISSUER !== undefined, "YUNXI_OIDC_ISSUER", "Keycloak or another OIDC issuer");
  // Every replica must sign and seal with the same secret, and it must outlive a pod: never a local file.
  need(config.SIGNING_SECRET !== undefined, "YUNXI_SIGNING_SECRET", "a secret shared by every pod (the Helm chart provides one)");
  return missing;
}
