// Checks of the one image without a Docker engine (none on the build machines): the Dockerfile's
// shape (pinned slim base, non-root, production dependencies only, telemetry first) and its
// runtime-file collection step, executed for real against a sample workspace tree.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dockerfile = readFileSync(join(repo, "Dockerfile"), "utf8");
// Join continuation lines so each instruction is one logical line.
const instructions = dockerfile.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const stages = [];
for (const line of instructions) {
  if (/^FROM\s/i.test(line)) stages.push({ from: line, lines: [] });
  else if (stages.length > 0) stages.at(-1).lines.push(line);
}
const runtime = stages.at(-1);

describe("Dockerfile", () => {
  it("is multi-stage on a Node 20 slim base pinned by version", () => {
    assert.ok(stages.length >= 2, "multi-stage");
    const arg = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile);
    assert.ok(arg, "base image set once through ARG NODE_IMAGE");
    assert.match(arg[1], /^node:20\.\d+\.\d+-(bookworm|bullseye)-slim(@sha256:[a-f0-9]{64})?$/);
    for (const s of stages) assert.match(s.from, /^FROM \$\{NODE_IMAGE\}( AS [\w-]+)?$/i, `every stage uses the pinned base: ${s.from}`);
  });

  it("final stage runs as uid 10001 with production dependencies only and no build tools", () => {
    const users = runtime.lines.filter((l) => /^USER\s/i.test(l));
    assert.deepEqual(users, ["USER 10001:10001"]);
    const body = runtime.lines.join("\n");
    assert.doesNotMatch(body, /apt-get|apk add|npm (ci|install)|gcc|g\+\+|make |python/, "no installs or compilers in the runtime stage");
    assert.match(body, /rm -rf [^\n]*\/usr\/local\/lib\/node_modules\/npm/, "npm removed from the runtime image");
    const prod = stages.find((s) => s.lines.some((l) => /npm ci/.test(l) && /--omit=dev/.test(l)));
    assert.ok(prod, "a stage installs with npm ci --omit=dev");
    assert.ok(runtime.lines.some((l) => new RegExp(`COPY --from=${/AS ([\w-]+)/i.exec(prod.from)[1]} `).test(l)), "runtime copies node_modules from the production-dependency stage");
    for (const l of instructions) {
      assert.ok(!/npm (ci|install)/.test(l) || /--ignore-scripts/.test(l), `install without --ignore-scripts: ${l}`);
      assert.doesNotMatch(l, /curl |wget |^ADD https?:/i, "nothing downloaded outside the package manager");
    }
  });

  it("starts telemetry first and runs the all-in-one main for any TARGETS", () => {
    const entry = runtime.lines.find((l) => /^ENTRYPOINT/.test(l));
    assert.deepEqual(JSON.parse(entry.replace(/^ENTRYPOINT\s+/, "")), ["node", "--import", "@yunxi/platform/telemetry", "services/all-in-one/dist/main.js"]);
    const pkg = JSON.parse(readFileSync(join(repo, "services/all-in-one/package.json"), "utf8"));
    assert.equal(pkg.bin.yunxi.replace(/^\.\//, "services/all-in-one/"), "services/all-in-one/dist/main.js", "ENTRYPOINT matches the package's bin");
    const platform = JSON.parse(readFileSync(join(repo, "packages/platform/package.json"), "utf8"));
    assert.ok(platform.exports["./telemetry"], "@yunxi/platform exports ./telemetry");
    assert.match(runtime.lines.join("\n"), /TARGETS=all/);
    assert.match(runtime.lines.join("\n"), /EXPOSE 50051 8080 9464/);
  });

  it("every TypeScript workspace compiles into dist/, which is what the image collects", () => {
    const root = JSON.parse(readFileSync(join(repo, "tsconfig.json"), "utf8"));
    for (const ref of root.references) {
      const ts = JSON.parse(readFileSync(join(repo, ref.path, "tsconfig.json"), "utf8"));
      assert.equal(ts.compilerOptions?.outDir, "dist", `${ref.path}: outDir must be dist`);
    }
  });

  it("the .dockerignore keeps host builds, dependencies and secrets out of the context", () => {
    const ignore = readFileSync(join(repo, ".dockerignore"), "utf8").split("\n").map((l) => l.trim());
    for (const p of ["**/node_modules", "**/dist", ".git", "**/.env"]) assert.ok(ignore.includes(p), `.dockerignore lacks ${p}`);
  });

  it("the runtime-file collection step keeps exactly what the runtime needs", async () => {
    const step = instructions.find((l) => l.startsWith("RUN set -euf;"));
    assert.ok(step, "collection step present");
    const dir = await mkdtemp(join(tmpdir(), "yunxi-image-test-"));
    try {
      const src = join(dir, "src");
      const files = {
        "package.json": "{}", "package-lock.json": "{}",
        "proto/package.json": "{}", "proto/loader-options.json": "{}", "proto/yunxi/approval/v1/approval.proto": "syntax", "proto/dist/index.js": "",
        "packages/platform/package.json": "{}", "packages/platform/dist/index.js": "", "packages/platform/dist/errors/errors.test.js": "",
        "packages/platform/src/index.ts": "", "packages/platform/tsconfig.tsbuildinfo": "",
        "services/approval/package.json": "{}", "services/approval/dist/module.js": "", "services/approval/dist/module.integration-test.js": "",
        "services/approval/prisma/schema.prisma": "", "services/approval/prisma/migrations/0001_init/migration.sql": "",
        "services/all-in-one/package.json": "{}", "services/all-in-one/dist/main.js": "",
        "web/package.json": "{}", "web/dist/index.html": "", "web/public/favicon.ico": "",
        "node_modules/junk/package.json": "{}", "services/approval/node_modules/x/package.json": "{}",
        "scripts/test.mjs": "", "docs/x.md": "",
      };
      for (const [p, c] of Object.entries(files)) {
        await mkdir(dirname(join(src, p)), { recursive: true });
        await writeFile(join(src, p), c);
      }
      const script = step.replace(/^RUN /, "")
        .replaceAll("/tmp/manifests", "\0M").replaceAll("/tmp/runtime-files", "\0R")
        .replaceAll("/out", "\0O").replaceAll("/manifests", "\0D")
        .replaceAll("\0M", join(dir, "manifests.txt")).replaceAll("\0R", join(dir, "runtime.txt"))
        .replaceAll("\0O", join(dir, "out")).replaceAll("\0D", join(dir, "manifests"));
      await new Promise((resolve, reject) => execFile("sh", ["-c", script], { cwd: src, timeout: 30_000 }, (e, _o, stderr) => (e ? reject(new Error(stderr || e.message)) : resolve())));
      const list = async (d) => (await readdir(d, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(d, join(e.parentPath, e.name))).sort();
      assert.deepEqual(await list(join(dir, "out")), [
        "package.json", "packages/platform/dist/index.js", "packages/platform/package.json",
        "proto/dist/index.js", "proto/loader-options.json", "proto/package.json", "proto/yunxi/approval/v1/approval.proto",
        "services/all-in-one/dist/main.js", "services/all-in-one/package.json",
        "services/approval/dist/module.js", "services/approval/package.json",
        "services/approval/prisma/migrations/0001_init/migration.sql", "services/approval/prisma/schema.prisma",
        "web/dist/index.html", "web/package.json", "web/public/favicon.ico",
      ].sort());
      assert.deepEqual(await list(join(dir, "manifests")), [
        "package.json", "packages/platform/package.json", "proto/package.json",
        "services/all-in-one/package.json", "services/approval/package.json", "web/package.json",
      ].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the image ships the migrations of every service that has them", () => {
    // Guard against a service keeping migrations somewhere the collection step does not look.
    const services = ["identity", "organisation", "approval", "device-control", "media", "ocr-verification", "key-management", "audit"];
    for (const s of services) {
      const stray = ["migrations", "db/migrations", "src/migrations"].filter((p) => existsSync(join(repo, "services", s, p)));
      assert.deepEqual(stray, [], `services/${s}: migrations must live under prisma/migrations`);
    }
  });
});
