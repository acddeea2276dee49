/**
 * OpenTelemetry bootstrap. Loaded before anything else: `node --import @yunxi/platform/telemetry main.js`,
 * so gRPC, HTTP and pino are instrumented from their first import. Configured only by the standard
 * OTEL_* variables:
 * - traces: exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set;
 * - metrics: a Prometheus endpoint on OTEL_EXPORTER_PROMETHEUS_HOST:PORT (default 127.0.0.1:9464) unless
 *   OTEL_METRICS_EXPORTER=none; OTLP metrics too when OTEL_METRICS_EXPORTER includes "otlp";
 * - OTEL_SDK_DISABLED=true turns everything off.
 */
import { NodeSDK } from "@opentelemetry/sdk-node";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { PeriodicExportingMetricReader, type MetricReader } from "@opentelemetry/sdk-metrics";
import { GrpcInstrumentation } from "@opentelemetry/instrumentation-grpc";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PinoInstrumentation } from "@opentelemetry/instrumentation-pino";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";

const env = process.env;

function serviceName(): string {
  if (env["OTEL_SERVICE_NAME"]) return env["OTEL_SERVICE_NAME"];
  const targets = (env["TARGETS"] ?? "all").trim();
  // One target → its module name (= Kubernetes Service name); several → the all-in-one process.
  return targets && !targets.includes(",") && targets !== "all" ? targets : "yunxi-all-in-one";
}

function metricReaders(): MetricReader[] {
  const exporters = (env["OTEL_METRICS_EXPORTER"] ?? "prometheus").split(",").map((s) => s.trim());
  const readers: MetricReader[] = [];
  if (exporters.includes("prometheus")) {
    readers.push(
      new PrometheusExporter({
        host: env["OTEL_EXPORTER_PROMETHEUS_HOST"] ?? "127.0.0.1",
        port: Number(env["OTEL_EXPORTER_PROMETHEUS_PORT"] ?? 9464),
      }),
    );
  }
  if (exporters.includes("otlp")) readers.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() }));
  return readers;
}

if (env["OTEL_SDK_DISABLED"] !== "true") {
  const tracesEnabled = Boolean(env["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]) && env["OTEL_TRACES_EXPORTER"] !== "none";
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName() }),
    ...(tracesEnabled ? { traceExporter: new OTLPTraceExporter() } : {}),
    metricReaders: metricReaders(),
    instrumentations: [new HttpInstrumentation(), new GrpcInstrumentation(), new PinoInstrumentation()],
  });
  sdk.start();
  const shutdown = () => {
    sdk.shutdown().catch(() => undefined);
  };
  process.once("beforeExit", shutdown);
}
