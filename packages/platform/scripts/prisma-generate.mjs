#!/usr/bin/env node
// Runs `prisma generate` for every services/*/prisma/schema.prisma and the platform's test-fixture
// schema, before `tsc -b` compiles the generated clients. No binary download: the stand-in schema
// engine is named through PRISMA_SCHEMA_ENGINE_BINARY. A schema whose inputs did not change since the
// last run is skipped (`--force` regenerates all). Any failure stops the build with a non-zero exit.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const platformDir = resolve(here, "..");
const repoRoot = resolve(platformDir, "../..");
const require = createRequire(join(repoRoot, "package.json"));
const prismaCli = require.resolve("prisma/build/index.js");
const prismaVersion = JSON.parse(readFileSync(join(dirname(prismaCli), "..", "package.json"), "utf8")).version;
const force = process.argv.includes("--force");
const TIMEOUT_MS = 180_000;
const STAMP = ".yunxi-generate-stamp";

/** Every schema to generate: the fixture first, then services in name order. */
function targets() {
  const list = [{ name: "platform test fixture", dir: join(platformDir, "test-fixtures", "db") }];
  const servicesDir = join(repoRoot, "services");
  for (const service of readdirSync(servicesDir).sort()) {
    const dir = join(servicesDir, service);
    if (existsSync(join(dir, "prisma", "schema.prisma"))) list.push({ name: `services/${service}`, dir });
  }
  return list;
}

/** The generator output directory named in the schema, for the up-to-date stamp. */
function outputDir(schemaFile) {
  const match = /generator\s+\w+\s*\{[^}]*?\boutput\s*=\s*"([^"]+)"/s.exec(readFileSync(schemaFile, "utf8"));
  if (!match?.[1]) throw new Error(`${relative(repoRoot, schemaFile)}: the generator needs an explicit output (convention: "../src/generated/prisma")`);
  return resolve(dirname(schemaFile), match[1]);
}

function inputsHash(schemaFile, configFile) {
  const hash = createHash("sha256").update(prismaVersion).update(readFileSync(schemaFile));
  if (configFile) hash.update(readFileSync(configFile));
  return hash.digest("hex");
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? join(platformDir, "prisma-engine", "schema-engine.mjs"),
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

let generated = 0;
for (const target of targets()) {
  const schemaFile = join(target.dir, "prisma", "schema.prisma");
  const configFile = existsSync(join(target.dir, "prisma.config.ts")) ? join(target.dir, "prisma.config.ts") : undefined;
  const output = outputDir(schemaFile);
  const stampFile = join(output, STAMP);
  const hash = inputsHash(schemaFile, configFile);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash) continue;

  const args = [prismaCli, "generate", ...(configFile ? ["--config", configFile] : ["--schema", schemaFile])];
  const result = spawnSync(process.execPath, args, { cwd: target.dir, env, encoding: "utf8", timeout: TIMEOUT_MS });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    const reason = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`;
    process.stderr.write(`\nprisma-generate: prisma generate failed for ${target.name} (${reason})\n`);
    process.exit(1);
  }
  if (!existsSync(join(output, "client.ts"))) {
    process.stderr.write(`prisma-generate: ${target.name}: expected ${relative(repoRoot, join(output, "client.ts"))} after generating (use provider "prisma-client")\n`);
    process.exit(1);
  }
  writeFileSync(stampFile, hash);
  generated++;
  process.stdout.write(`prisma-generate: ${target.name} -> ${relative(repoRoot, output)}\n`);
}
process.stdout.write(`prisma-generate: ${generated} generated, all clients up to date\n`);
