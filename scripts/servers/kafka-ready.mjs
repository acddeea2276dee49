// Exits 0 once the Kafka broker at YUNXI_TEST_KAFKA_BROKERS answers a metadata request
// (an open TCP port alone is not enough: the broker listens before the KRaft quorum is up).
// Used by `servers.sh wait kafka`, which retries it.
import { Kafka, logLevel } from "kafkajs";

const brokers = (process.env.YUNXI_TEST_KAFKA_BROKERS ?? "").split(",").filter(Boolean);
if (brokers.length === 0) {
  console.error("YUNXI_TEST_KAFKA_BROKERS is not set");
  process.exit(2);
}
const admin = new Kafka({
  clientId: "yunxi-servers-ready",
  brokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: 3000,
  requestTimeout: 5000,
  retry: { retries: 0 },
}).admin();
try {
  await admin.connect();
  const cluster = await admin.describeCluster();
  if (cluster.brokers.length === 0 || cluster.controller === null) throw new Error("no broker or controller yet");
  console.log(JSON.stringify(cluster));
} catch (error) {
  console.error(`kafka not ready: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await admin.disconnect().catch(() => {});
}
