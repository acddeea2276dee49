// Offline checks of deploy/helm/yunxi: helm lint --strict, helm template for allInOne,
// microservices and a department zone, schema validation of every rendered object with
// kubectl-validate (embedded Kubernetes OpenAPI schemas, no cluster, no network), and
// assertions over the parsed objects for what the chart promises (hardened pods, probes,
// a Service per module, NetworkPolicy coverage, zone isolation, refusal of bad values).
//
// Run: bash scripts/deploy-tools.sh && node --test deploy/tests/
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const chart = join(repo, "deploy", "helm", "yunxi");
const ci = (name) => join(chart, "ci", `${name}-values.yaml`);
const bin = join(process.env.YUNXI_CACHE ?? join(homedir(), ".cache", "yunxi"), "tools", "bin");
const HELM = process.env.HELM ?? join(bin, "helm");
const KUBECTL_VALIDATE = process.env.KUBECTL_VALIDATE ?? join(bin, "kubectl-validate");
// Oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest schema set
// kubectl-validate embeds; both must accept the manifests.
const KUBE_VERSIONS = ["1.27", "1.35"];
const MODULES = [
  "gateway", "identity", "organisation", "approval", "device-control",
  "media", "ocr-verification", "key-management", "audit",
];
const selectorOf = (release) => ({ "app.kubernetes.io/name": "yunxi", "app.kubernetes.io/instance": release });
const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

function run(cmd, args, { timeout = 120_000 } = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, {
      timeout, maxBuffer: 64 * 1024 * 1024,
      // No kubeconfig: kubectl-validate must use its embedded schemas, and helm must never reach a cluster.
      env: { ...process.env, KUBECONFIG: "/nonexistent", HELM_CACHE_HOME: join(scratch, "helm-cache"), HELM_CONFIG_HOME: join(scratch, "helm-config"), HELM_DATA_HOME: join(scratch, "helm-data") },
    }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr, error });
    });
  });
}

function requireTools() {
  const missing = [HELM, KUBECTL_VALIDATE].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(", ")}: run \`bash scripts/deploy-tools.sh\` (builds Helm 4 and kubectl-validate from the Go module proxy into ${bin})`);
  }
}

async function template(args) {
  const r = await run(HELM, ["template", "yx", chart, "--namespace", "yunxi", ...args]);
  return r;
}

async function render(args) {
  const r = await template(args);
  assert.equal(r.code, 0, `helm template ${args.join(" ")} failed:\n${r.stderr}`);
  const docs = parseAllDocuments(r.stdout);
  for (const d of docs) assert.equal(d.errors.length, 0, `rendered YAML does not parse: ${d.errors.join("; ")}`);
  const objects = docs.map((d) => d.toJS()).filter((o) => o !== null && o !== undefined);
  assert.ok(objects.length > 0, "helm template rendered nothing");
  return { text: r.stdout, objects };
}

async function kubeValidate(text, label) {
  const file = join(scratch, `${label}.yaml`);
  await writeFile(file, text);
  for (const version of KUBE_VERSIONS) {
    const r = await run(KUBECTL_VALIDATE, [file, "--version", version]);
    assert.equal(r.code, 0, `kubectl-validate --version ${version} rejected ${label}:\n${r.stdout}\n${r.stderr}`);
  }
}

const ofKind = (objs, kind) => objs.filter((o) => o.kind === kind);
const byName = (objs, kind, name) => objs.find((o) => o.kind === kind && o.metadata.name === name);
function podTemplates(objs) {
  return objs.filter((o) => WORKLOAD_KINDS.has(o.kind)).map((o) => ({
    owner: `${o.kind}/${o.metadata.name}`,
    kind: o.kind,
    template: o.kind === "CronJob" ? o.spec.jobTemplate.spec.template : o.spec.template,
  }));
}
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const envOf = (container) => Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));

function assertHardenedPods(objs) {
  const pods = podTemplates(objs);
  assert.ok(pods.length > 0, "no pod templates rendered");
  for (const { owner, kind, template: t } of pods) {
    const pod = t.spec.securityContext ?? {};
    assert.equal(pod.runAsNonRoot, true, `${owner}: pod runAsNonRoot`);
    assert.equal(pod.seccompProfile?.type, "RuntimeDefault", `${owner}: pod seccomp RuntimeDefault`);
    assert.notEqual(t.spec.hostNetwork, true, `${owner}: hostNetwork`);
    const containers = [...(t.spec.initContainers ?? []), ...t.spec.containers];
    for (const c of containers) {
      const where = `${owner} container ${c.name}`;
      const sc = c.securityContext ?? {};
      assert.equal(sc.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
      assert.equal(sc.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
      assert.notEqual(sc.runAsNonRoot, false, `${where}: runAsNonRoot`);
      assert.notEqual(sc.privileged, true, `${where}: privileged`);
      assert.ok(sc.capabilities?.drop?.includes("ALL"), `${where}: capabilities.drop ALL`);
      assert.deepEqual(sc.capabilities?.add ?? [], [], `${where}: no added capabilities`);
      assert.notEqual(sc.seccompProfile?.type ?? "RuntimeDefault", "Unconfined", `${where}: seccomp`);
      assert.ok(c.resources?.requests?.cpu && c.resources?.requests?.memory, `${where}: resource requests`);
      assert.ok(c.resources?.limits?.memory, `${where}: memory limit`);
      assert.match(c.image, /^[^\s]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?$/, `${where}: image must carry a tag: ${c.image}`);
      assert.doesNotMatch(c.image, /:latest(@|$)/, `${where}: image must not be :latest`);
      // A Job runs to completion; probes restart or gate long-running pods only.
      if (kind !== "Job" && kind !== "CronJob") {
        assert.ok(c.readinessProbe, `${where}: readinessProbe`);
        assert.ok(c.livenessProbe, `${where}: livenessProbe`);
      }
      for (const e of c.env ?? []) {
        if (/PASSWORD|SECRET|ACCESS_KEY|DATABASE_URL|REDIS_URL|TOKEN/.test(e.name)) {
          assert.equal(e.value, undefined, `${where}: ${e.name} must come from a Secret, not an inline value`);
          assert.ok(e.valueFrom?.secretKeyRef, `${where}: ${e.name} must use secretKeyRef`);
        }
      }
    }
  }
}

function assertNetworkPolicyCoversEveryPod(objs, release = "yx") {
  const SELECTOR = selectorOf(release);
  const policies = ofKind(objs, "NetworkPolicy");
  const defaultDeny = policies.filter((p) =>
    p.spec.policyTypes?.includes("Ingress") && p.spec.policyTypes?.includes("Egress")
    && !p.spec.ingress && !p.spec.egress && matches(p.spec.podSelector.matchLabels, SELECTOR)
    && Object.keys(p.spec.podSelector.matchLabels).length === Object.keys(SELECTOR).length);
  assert.equal(defaultDeny.length, 1, "one default-deny NetworkPolicy over every release pod");
  for (const { owner, template: t } of podTemplates(objs)) {
    const selecting = policies.filter((p) => !p.spec.podSelector.matchExpressions && matches(p.spec.podSelector.matchLabels, t.metadata.labels));
    assert.ok(selecting.includes(defaultDeny[0]), `${owner}: not covered by default deny`);
    assert.ok(selecting.length >= 2, `${owner}: no allow policy selects it (only default deny)`);
  }
}

function assertServicePerModule(objs, modules) {
  const deployments = ofKind(objs, "Deployment");
  for (const m of modules) {
    const svc = byName(objs, "Service", m);
    assert.ok(svc, `Service ${m} missing`);
    assert.ok(svc.spec.ports.some((p) => p.name === "grpc" && p.port === 50051), `Service ${m}: grpc port 50051`);
    const backing = deployments.filter((d) => matches(svc.spec.selector, d.spec.template.metadata.labels));
    assert.equal(backing.length, 1, `Service ${m} must select exactly one Deployment, selects ${backing.length}`);
    const targets = envOf(backing[0].spec.template.spec.containers[0]).TARGETS.value;
    assert.ok(targets === "all" || targets.split(",").includes(m), `Service ${m} routes to a pod running TARGETS=${targets}`);
  }
}

function assertMigrationHook(objs, modules) {
  const jobs = ofKind(objs, "Job").filter((j) => j.metadata.labels["app.kubernetes.io/component"] === "migrate");
  assert.equal(jobs.length, 1, "one migration Job");
  const job = jobs[0];
  const hooks = job.metadata.annotations["helm.sh/hook"].split(",").map((s) => s.trim());
  assert.deepEqual(hooks.sort(), ["pre-install", "pre-upgrade"]);
  assert.match(job.metadata.annotations["helm.sh/hook-delete-policy"], /before-hook-creation/);
  assert.equal(job.spec.template.spec.restartPolicy, "Never");
  const env = envOf(job.spec.template.spec.containers[0]);
  const [first, ...mods] = env.TARGETS.value.split(",");
  assert.equal(first, "migrate");
  assert.deepEqual(mods.sort(), modules.filter((m) => m !== "gateway").sort(), "migrate every database-owning module");
  assert.ok(env.YUNXI_DATABASE_URL?.valueFrom?.secretKeyRef, "migration Job gets the database URL from a Secret");
}

let scratch;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "yunxi-helm-test-"));
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("deploy tools", () => {
  it("helm and kubectl-validate are installed (else run bash scripts/deploy-tools.sh)", async () => {
    requireTools();
    const r = await run(HELM, ["version", "--short"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^v4\./, `Helm 4 expected, got ${r.stdout}`);
  });

  it("kubectl-validate rejects an invalid manifest (the validation below can fail)", async () => {
    requireTools();
    const { objects } = await render(["-f", ci("microservices")]);
    const good = ofKind(objects, "Deployment")[0];
    const wrongType = structuredClone(good);
    wrongType.spec.revisionHistoryLimit = "five";
    const unknownField = structuredClone(good);
    unknownField.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystm = true;
    for (const [name, obj, expected] of [["wrong-type", wrongType, /revisionHistoryLimit/], ["unknown-field", unknownField, /readOnlyRootFilesystm/]]) {
      const file = join(scratch, `${name}.yaml`);
      await writeFile(file, stringify(obj));
      const r = await run(KUBECTL_VALIDATE, [file, "--version", "1.35"]);
      assert.notEqual(r.code, 0, `kubectl-validate accepted an invalid Deployment (${name}):\n${r.stdout}`);
      assert.match(r.stdout + r.stderr, expected);
    }
  });
});

for (const [label, valuesFile] of [["allInOne", ci("allinone")], ["microservices", ci("microservices")], ["zone", ci("zone")]]) {
  describe(`chart: ${label}`, () => {
    it("passes helm lint --strict", async () => {
      requireTools();
      const r = await run(HELM, ["lint", chart, "--strict", "--namespace", "yunxi", "-f", valuesFile]);
      assert.equal(r.code, 0, `helm lint failed:\n${r.stdout}\n${r.stderr}`);
    });

    it("renders manifests that kubectl-validate accepts and that are hardened", async () => {
      requireTools();
      const { text, objects } = await render(["-f", valuesFile]);
      await kubeValidate(text, label);
      assertHardenedPods(objects);
      assertNetworkPolicyCoversEveryPod(objects);
      for (const s of ofKind(objects, "Service")) assert.equal(s.spec.type, "ClusterIP", `Service ${s.metadata.name} must stay inside the cluster`);
      // Credentials are referenced through existingSecret in these values, so nothing secret is rendered.
      assert.equal(ofKind(objects, "Secret").length, 0, "no Secret rendered when every credential comes from existingSecret");
    });
  });
}

describe("chart: signing secret", () => {
  it("references an existingSecret when one is named, and otherwise generates one Secret every pod reads", async () => {
    requireTools();
    const named = await render(["-f", join(chart, "ci", "microservices-values.yaml")]);
    for (const deployment of ofKind(named.objects, "Deployment")) {
      const env = deployment.spec.template.spec.containers[0].env ?? [];
      const signing = env.find((e) => e.name === "YUNXI_SIGNING_SECRET");
      assert.equal(signing?.valueFrom?.secretKeyRef?.name, "yunxi-signing", `${deployment.metadata.name} reads the named secret`);
    }
    const generated = await render(["-f", join(chart, "ci", "microservices-values.yaml"), "--set", "signingSecret.existingSecret="]);
    const secrets = ofKind(generated.objects, "Secret");
    assert.equal(secrets.length, 1, "exactly one generated Secret");
    const value = secrets[0].stringData["signing-secret"];
    assert.match(value, /^[A-Za-z0-9]{48}$/, "a 48-character random secret");
    for (const deployment of ofKind(generated.objects, "Deployment")) {
      const env = deployment.spec.template.spec.containers[0].env ?? [];
      const signing = env.find((e) => e.name === "YUNXI_SIGNING_SECRET");
      assert.equal(signing?.valueFrom?.secretKeyRef?.name, secrets[0].metadata.name);
      assert.ok(!JSON.stringify(env).includes(value), "the secret value never appears in a pod spec");
    }
  });
});

describe("chart: allInOne specifics", () => {
  it("runs every module in one Deployment, one Service per module name, and the migration hook", async () => {
    requireTools();
    const { objects } = await render(["-f", ci("allinone")]);
    const deployments = ofKind(objects, "Deployment");
    assert.equal(deployments.length, 1);
    const c = deployments[0].spec.template.spec.containers[0];
    assert.equal(envOf(c).TARGETS.value, "all");
    assert.equal(envOf(c).YUNXI_REQUIRE_EXTERNAL.value, "true");
    assert.equal(envOf(c).YUNXI_BIND_HOST.value, "0.0.0.0");
    assert.equal(c.readinessProbe.httpGet?.path, "/readyz");
    assert.equal(c.livenessProbe.httpGet?.path, "/healthz");
    assertServicePerModule(objects, MODULES);
    assertMigrationHook(objects, MODULES);
    assert.equal(ofKind(objects, "HorizontalPodAutoscaler").length, 0, "no HPA in allInOne");
    assert.equal(ofKind(objects, "PersistentVolumeClaim").length, 0, "no data volume when every dependency is external");
  });

  it("embedded dependencies get a data volume, one replica, and no requirement for external settings", async () => {
    requireTools();
    const { text, objects } = await render([
      "--set", "postgres.embedded=true,kafka.embedded=true,s3.embedded=true,redis.embedded=true,mqtt.embedded=true,oidc.embedded=true,kme.embedded=true",
    ]);
    await kubeValidate(text, "allinone-embedded");
    assertHardenedPods(objects);
    const d = ofKind(objects, "Deployment")[0];
    assert.equal(d.spec.replicas, 1);
    assert.equal(d.spec.strategy.type, "Recreate");
    const env = envOf(d.spec.template.spec.containers[0]);
    assert.equal(env.YUNXI_REQUIRE_EXTERNAL.value, "false");
    assert.equal(env.YUNXI_DATABASE_URL, undefined);
    assert.equal(d.spec.template.spec.volumes.find((v) => v.name === "data").persistentVolumeClaim?.claimName, "yx-yunxi-data");
    assert.ok(byName(objects, "PersistentVolumeClaim", "yx-yunxi-data"));
    assert.equal(ofKind(objects, "Job").length, 0, "no migration Job against an embedded database");
    const mqtt = byName(objects, "Service", "mqtt");
    assert.ok(mqtt, "embedded broker gets an mqtt Service for devices");
    assert.ok(matches(mqtt.spec.selector, d.spec.template.metadata.labels));
    assert.equal(env.YUNXI_MQTT_PORT.value, "1883");
  });

  it("credentials typed into values become a hook Secret, referenced and never inlined in pods", async () => {
    requireTools();
    const { objects } = await render(["-f", ci("allinone"), "--set", "postgres.existingSecret=,postgres.url=postgres://u:pw-in-values@db:5432/yunxi"]);
    const secret = byName(objects, "Secret", "yx-yunxi-credentials");
    assert.ok(secret, "credentials Secret rendered");
    assert.match(secret.metadata.annotations["helm.sh/hook"], /pre-install/);
    for (const { template: t } of podTemplates(objects)) {
      const ref = envOf(t.spec.containers[0]).YUNXI_DATABASE_URL.valueFrom.secretKeyRef;
      assert.deepEqual(ref, { name: "yx-yunxi-credentials", key: "postgres-url" });
    }
    const pods = JSON.stringify(podTemplates(objects));
    assert.ok(!pods.includes("pw-in-values"), "password leaked into a pod spec");
  });
});

describe("chart: microservices specifics", () => {
  it("one Deployment, PDB and gRPC-probed pod per module; HPA unless disabled", async () => {
    requireTools();
    const { objects } = await render(["-f", ci("microservices")]);
    const deployments = ofKind(objects, "Deployment");
    assert.equal(deployments.length, MODULES.length);
    assertServicePerModule(objects, MODULES);
    assertMigrationHook(objects, MODULES);
    for (const d of deployments) {
      const component = d.spec.template.metadata.labels["app.kubernetes.io/component"];
      const c = d.spec.template.spec.containers[0];
      assert.equal(envOf(c).TARGETS.value, component);
      if (component === "gateway") {
        assert.equal(c.readinessProbe.httpGet?.path, "/readyz");
      } else {
        assert.deepEqual(c.readinessProbe.grpc, { port: 50051, service: component }, `${component}: gRPC readiness probe`);
        assert.deepEqual(c.livenessProbe.grpc, { port: 50051, service: component }, `${component}: gRPC liveness probe`);
      }
      const pdb = ofKind(objects, "PodDisruptionBudget").find((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
      assert.ok(pdb, `${component}: PodDisruptionBudget`);
      const hpa = ofKind(objects, "HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef.name === d.metadata.name);
      if (component === "ocr-verification") {
        assert.equal(hpa, undefined, "autoscaling disabled for ocr-verification in the CI values");
        assert.equal(d.spec.replicas, 3);
      } else {
        assert.ok(hpa, `${component}: HorizontalPodAutoscaler`);
        assert.equal(d.spec.replicas, undefined, `${component}: replicas left to the HPA`);
      }
    }
    const dc = envOf(byName(objects, "Deployment", "yx-yunxi-device-control").spec.template.spec.containers[0]);
    assert.deepEqual(dc.DEVICE_CONTROL_DATABASE_URL.valueFrom.secretKeyRef, { name: "yunxi-postgres-devices", key: "url" });
    assert.ok(dc.YUNXI_MQTT_URL, "device-control talks to the MQTT broker");
    const audit = envOf(byName(objects, "Deployment", "yx-yunxi-audit").spec.template.spec.containers[0]);
    assert.equal(audit.YUNXI_MQTT_URL, undefined, "audit does not get MQTT settings");
    assert.equal(audit.YUNXI_MQTT_ADMIN_PASSWORD, undefined, "audit does not get MQTT credentials");
  });

  it("kafka.namespace reaches every module that uses Kafka as YUNXI_EVENT_NAMESPACE, and is absent by default", async () => {
    requireTools();
    const kafkaEnvs = (objects) =>
      ofKind(objects, "Deployment")
        .map((d) => [d.metadata.name, envOf(d.spec.template.spec.containers[0])])
        .filter(([, env]) => env.YUNXI_KAFKA_BROKERS);
    const plain = kafkaEnvs((await render(["-f", ci("microservices")])).objects);
    assert.ok(plain.length >= 5, "modules with Kafka");
    for (const [name, env] of plain) assert.equal(env.YUNXI_EVENT_NAMESPACE, undefined, `${name}: no namespace unless set`);
    const named = kafkaEnvs((await render(["-f", ci("microservices"), "--set", "kafka.namespace=prod-east"])).objects);
    assert.equal(named.length, plain.length);
    for (const [name, env] of named) assert.equal(env.YUNXI_EVENT_NAMESPACE?.value, "prod-east", name);
  });

  it("kafka.maxAttempts reaches every module that uses the event bus as YUNXI_EVENT_MAX_ATTEMPTS, embedded bus included", async () => {
    requireTools();
    const attempts = (objects) => ofKind(objects, "Deployment").map((d) => envOf(d.spec.template.spec.containers[0]).YUNXI_EVENT_MAX_ATTEMPTS?.value);
    const external = attempts((await render(["-f", ci("microservices"), "--set", "kafka.maxAttempts=25"])).objects).filter(Boolean);
    assert.ok(external.length >= 5 && external.every((value) => value === "25"), JSON.stringify(external));
    const embedded = attempts((await render(["-f", ci("allinone"), "--set", "kafka.embedded=true", "--set", "allInOne.replicas=1", "--set", "kafka.maxAttempts=7"])).objects);
    assert.deepEqual(embedded, ["7"], "the embedded bus gets it too");
  });

  it("network policies open only each module's own dependencies", async () => {
    requireTools();
    const { objects } = await render(["-f", ci("microservices")]);
    const np = (name) => byName(objects, "NetworkPolicy", `yx-yunxi-${name}`);
    const egressPorts = (p) => p.spec.egress.flatMap((r) => (r.ports ?? []).map((x) => x.port));
    assert.ok(egressPorts(np("device-control")).includes(1883), "device-control -> MQTT");
    assert.ok(!egressPorts(np("audit")).includes(1883), "audit has no MQTT egress");
    assert.ok(!egressPorts(np("gateway")).includes(5432), "gateway has no database egress");
    const pg = np("identity").spec.egress.find((r) => r.ports?.some((x) => x.port === 5432));
    assert.deepEqual(pg.to, [{ ipBlock: { cidr: "10.20.0.0/24" } }], "postgres egress limited to the configured peers");
    const gwHttp = np("gateway").spec.ingress.find((r) => r.ports.some((x) => x.port === 8080) && r.from.some((f) => f.namespaceSelector));
    assert.ok(gwHttp, "gateway HTTP reachable from the ingress controller namespace");
    assert.ok(!np("identity").spec.ingress.some((r) => r.from.some((f) => f.namespaceSelector || f.ipBlock)), "identity accepts nothing from outside the release");
  });

  it("alarm notifications leave only from organisation, only to the receivers named, with the destination policy in its env", async () => {
    requireTools();
    const receivers = { ipBlock: { cidr: "0.0.0.0/0", except: ["10.42.0.0/16", "10.43.0.0/16"] } };
    const closed = (await render(["-f", ci("microservices")])).objects;
    const orgEgress = (objects) => byName(objects, "NetworkPolicy", "yx-yunxi-organisation").spec.egress;
    assert.ok(!orgEgress(closed).some((r) => JSON.stringify(r.to ?? []).includes("0.0.0.0/0")), "by default nothing leaves for receivers");
    const { objects } = await render([
      "-f", ci("microservices"),
      "--set-json", `alarmDelivery.egress={"ports":[443,8443],"to":[${JSON.stringify(receivers)}]}`,
      "--set", "alarmDelivery.deniedNetworks=10.42.0.0/16\\,10.43.0.0/16",
    ]);
    const rule = orgEgress(objects).find((r) => JSON.stringify(r.to ?? []).includes("0.0.0.0/0"));
    assert.deepEqual(rule, { to: [receivers], ports: [{ protocol: "TCP", port: 443 }, { protocol: "TCP", port: 8443 }] });
    for (const other of ["identity", "gateway", "device-control", "audit"]) {
      const egress = byName(objects, "NetworkPolicy", `yx-yunxi-${other}`).spec.egress;
      assert.ok(!egress.some((r) => JSON.stringify(r.to ?? []).includes("0.0.0.0/0")), `${other} gets no receiver egress`);
    }
    const env = envOf(byName(objects, "Deployment", "yx-yunxi-organisation").spec.template.spec.containers[0]);
    assert.equal(env.ORGANISATION_ALARM_DELIVERY_DENIED_NETWORKS?.value, "10.42.0.0/16,10.43.0.0/16");
    assert.equal(envOf(byName(objects, "Deployment", "yx-yunxi-identity").spec.template.spec.containers[0]).ORGANISATION_ALARM_DELIVERY_DENIED_NETWORKS, undefined);
  });
});

describe("chart: zone", () => {
  it("egress only to the central tunnel, DNS and the zone itself; no ingress from outside", async () => {
    requireTools();
    const { objects } = await render(["-f", ci("zone")]);
    const central = { ipBlock: { cidr: "10.0.10.5/32" } };
    const policies = ofKind(objects, "NetworkPolicy");
    let tunnelRules = 0;
    for (const p of policies) {
      for (const rule of p.spec.egress ?? []) {
        assert.ok(rule.to?.length > 0, `${p.metadata.name}: egress rule without destination opens everything`);
        const ports = (rule.ports ?? []).map((x) => x.port);
        for (const peer of rule.to) {
          const insideZone = peer.podSelector && !peer.namespaceSelector && !peer.ipBlock;
          const dns = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "kube-system" && ports.length > 0 && ports.every((x) => x === 53);
          const tunnel = JSON.stringify(peer) === JSON.stringify(central) && ports.length === 1 && ports[0] === 7443;
          if (tunnel) tunnelRules += 1;
          assert.ok(insideZone || dns || tunnel, `${p.metadata.name}: egress leaves the zone to ${JSON.stringify(peer)} ports ${ports}`);
        }
      }
      for (const rule of p.spec.ingress ?? []) {
        assert.ok(rule.from?.length > 0, `${p.metadata.name}: ingress rule without source accepts everything`);
        for (const peer of rule.from) {
          assert.ok(peer.podSelector && !peer.namespaceSelector && !peer.ipBlock, `${p.metadata.name}: ingress from outside the zone ${JSON.stringify(peer)}`);
        }
      }
    }
    assert.equal(tunnelRules, 1, "exactly the gateway's policy opens the tunnel");
    assert.equal(ofKind(objects, "Ingress").length, 0, "no Ingress in a zone");
    const gw = byName(objects, "Deployment", "yx-yunxi-all-in-one");
    const env = envOf(gw.spec.template.spec.containers[0]);
    assert.equal(env.GATEWAY_ZONE_CENTRAL_ADDRESS.value, "yunxi-tunnel.corp.internal:7443");
    assert.equal(env.GATEWAY_ZONE_NAME.value, "finance-dept");
    assert.equal(env.TARGETS.value, "device-control,gateway,media");
    // The zone cannot reach the issuer: its modules fetch signing keys through the zone gateway's relay.
    assert.equal(env.YUNXI_OIDC_JWKS_URL?.value, "http://gateway:8080/oidc/jwks");
    assertServicePerModule(objects, ["gateway", "device-control", "media"]);
    assert.equal(byName(objects, "Service", "identity"), undefined, "modules not in the zone get no Service");
  });
});

describe("chart: bad values are refused with a clear message", () => {
  const cases = [
    { name: "wrong type", args: ["-f", ci("allinone"), "--set-string", "allInOne.replicas=two"], expect: [/allInOne\/replicas/, /integer/] },
    { name: "unknown mode", args: ["-f", ci("allinone"), "--set", "mode=cluster"], expect: [/\/mode/, /allInOne/, /microservices/] },
    { name: "misspelt key", args: ["-f", ci("allinone"), "--set", "postgress.url=x"], expect: [/postgress/, /not allowed/] },
    { name: "allInOne replicas>1 with embedded storage", args: ["-f", ci("allinone"), "--set", "postgres.embedded=true"], expect: [/mode=allInOne with allInOne.replicas=2 needs every dependency external/, /postgres/] },
    { name: "microservices with embedded storage", args: ["-f", ci("microservices"), "--set", "s3.embedded=true"], expect: [/mode=microservices: embedded s3 would be 4 separate copies/, /s3.embedded=false/] },
    { name: "microservices with embedded KME in a scaled module", args: ["-f", ci("microservices"), "--set", "kme.embedded=true"], expect: [/embedded kme lives inside key-management, which must then run one pod/] },
    { name: "zone without central gateway address", args: ["-f", ci("zone"), "--set", "zone.centralGateway.address="], expect: [/zone.centralGateway.address/] },
    { name: "zone without tunnel peers", args: ["-f", ci("zone"), "--set", "zone.centralGateway.to=null"], expect: [/zone.centralGateway.to/] },
    { name: "zone with an ingress", args: ["-f", ci("zone"), "--set", "ingress.enabled=true"], expect: [/a zone accepts no inbound connections/] },
    { name: "image tag latest", args: ["-f", ci("allinone"), "--set", "image.tag=latest"], expect: [/image.tag=latest is not allowed/] },
    { name: "external dependency without address", args: ["-f", ci("microservices"), "--set", "kafka.brokers="], expect: [/kafka: set kafka.brokers/] },
    { name: "alarm delivery networks that are not CIDRs", args: ["-f", ci("microservices"), "--set", "alarmDelivery.deniedNetworks=intranet"], expect: [/alarmDelivery\/deniedNetworks/, /pattern/] },
    { name: "event namespace Kafka would not accept", args: ["-f", ci("microservices"), "--set", "kafka.namespace=Prod.East"], expect: [/kafka\/namespace/, /pattern/] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      requireTools();
      const r = await template(c.args);
      assert.notEqual(r.code, 0, `helm template accepted bad values (${c.name})`);
      assert.equal(r.stdout.trim(), "", "nothing rendered");
      for (const re of c.expect) assert.match(r.stderr, re);
    });
  }
});

describe("skaffold renders the same chart", () => {
  // Without a skaffold binary, replay what `skaffold render` does for helm releases: apply the
  // profile's patches, then `helm template` each release with its values files, setValues and
  // setValueTemplates (image placeholders filled as skaffold would).
  const config = () => parseAllDocuments(readFileSync(join(repo, "skaffold.yaml"), "utf8"))[0].toJS();
  const image = { IMAGE_REPO_yunxi_yunxi: "localhost:5000/yunxi/yunxi", IMAGE_TAG_yunxi_yunxi: "3f9c2d1" };
  const releasesFor = (profile) => {
    const cfg = config();
    if (!profile) return cfg.deploy.helm.releases;
    const p = cfg.profiles.find((x) => x.name === profile);
    assert.ok(p, `profile ${profile} missing`);
    for (const patch of p.patches) {
      assert.equal(patch.op, "replace");
      assert.equal(patch.path, "/deploy/helm/releases", "profiles replace the release list as a whole");
      cfg.deploy.helm.releases = patch.value;
    }
    return cfg.deploy.helm.releases;
  };

  it("builds the image the chart deploys, from the root Dockerfile", () => {
    const cfg = config();
    assert.equal(cfg.build.artifacts.length, 1, "one image");
    assert.equal(cfg.build.artifacts[0].image, "yunxi/yunxi");
    assert.equal(cfg.build.artifacts[0].docker.dockerfile, "Dockerfile");
    assert.ok(existsSync(join(repo, "Dockerfile")));
  });

  for (const profile of [undefined, "dev-deps", "microservices"]) {
    it(`profile ${profile ?? "(default)"} renders valid manifests`, async () => {
      requireTools();
      const releases = releasesFor(profile);
      const yunxi = releases.filter((r) => r.chartPath === "deploy/helm/yunxi");
      assert.equal(yunxi.length, 1, "exactly one release of deploy/helm/yunxi");
      for (const r of releases) {
        assert.ok(existsSync(join(repo, r.chartPath, "Chart.yaml")), `${r.chartPath} is a chart`);
        const args = [];
        for (const f of r.valuesFiles ?? []) args.push("-f", join(repo, f));
        for (const [k, v] of Object.entries(r.setValues ?? {})) args.push("--set", `${k}=${v}`);
        for (const [k, v] of Object.entries(r.setValueTemplates ?? {})) {
          args.push("--set", `${k}=${v.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, name) => image[name] ?? assert.fail(`unknown template ${name}`))}`);
        }
        const out = await run(HELM, ["template", r.name, join(repo, r.chartPath), "--namespace", r.namespace, ...args]);
        assert.equal(out.code, 0, `${profile ?? "default"}: ${r.name} failed to render:\n${out.stderr}`);
        await kubeValidate(out.stdout, `skaffold-${profile ?? "default"}-${r.name}`);
        if (r.chartPath === "deploy/helm/yunxi") {
          const objects = parseAllDocuments(out.stdout).map((d) => d.toJS()).filter(Boolean);
          assertHardenedPods(objects);
          assertNetworkPolicyCoversEveryPod(objects, r.name);
          const images = podTemplates(objects).flatMap((p) => p.template.spec.containers.map((c) => c.image));
          assert.ok(images.every((i) => i === "localhost:5000/yunxi/yunxi:3f9c2d1"), `skaffold's image is deployed: ${images}`);
          const mode = profile === "microservices" ? "microservices" : "allInOne";
          assert.equal(ofKind(objects, "Deployment").length, mode === "microservices" ? MODULES.length : 1);
          assertServicePerModule(objects, MODULES);
        }
      }
    });
  }
});

describe("chart: NOTES.txt", () => {
  const notes = async (valuesFile) => {
    // A client-side dry run renders NOTES without any cluster (KUBECONFIG points nowhere).
    const r = await run(HELM, ["install", "yx", chart, "--namespace", "yunxi", "--dry-run=client", "-f", valuesFile]);
    assert.equal(r.code, 0, r.stderr);
    const at = r.stdout.indexOf("\nNOTES:\n");
    assert.ok(at >= 0, "NOTES rendered");
    return r.stdout.slice(at);
  };
  it("tells the installer how to follow the migration and rollout, and where the console is", async () => {
    requireTools();
    const text = await notes(ci("allinone"));
    assert.match(text, /kubectl -n yunxi get jobs,pods -l app.kubernetes.io\/instance=yx/);
    assert.match(text, /rollout status/);
    assert.match(text, /https:\/\/yunxi.corp.internal\//);
  });
  it("tells a zone installer where the tunnel goes and that NetworkPolicy must be enforced", async () => {
    requireTools();
    const text = await notes(ci("zone"));
    assert.match(text, /dials out to yunxi-tunnel.corp.internal:7443/);
    assert.match(text, /CNI must enforce NetworkPolicy/);
  });
});
