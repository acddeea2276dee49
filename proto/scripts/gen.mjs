#!/usr/bin/env node
// Regenerates TypeScript types for every .proto file with proto-loader-gen-types, using the same loader
// options as the runtime (loader-options.json). `--check` regenerates into a temp folder and fails when
// the committed src/generated differs, so stale types never land.
//
// Layout: message/service types at src/generated/<package path>/<Type>.ts (as the generator writes them);
// each proto file's package type at src/generated/<proto path>.proto.ts — e.g.
// yunxi/audit/v1/events.proto → src/generated/yunxi/audit/v1/events.proto.ts — so every service can have
// its own events.proto (the generator alone names that file by basename, and they would collide).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const options = JSON.parse(readFileSync(join(root, "loader-options.json"), "utf8"));
const require = createRequire(import.meta.url);
const generator = join(dirname(require.resolve("@grpc/proto-loader/package.json")), "build/bin/proto-loader-gen-types.js");

function walk(dir, suffix, skip = []) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (skip.includes(name)) return [];
    return statSync(path).isDirectory() ? walk(path, suffix, skip) : path.endsWith(suffix) ? [path] : [];
  });
}

const protos = walk(root, ".proto", ["node_modules", "dist", "src"]).map((file) => relative(root, file)).sort();
const target = check ? mkdtempSync(join(tmpdir(), "yunxi-proto-")) : join(root, "src/generated");
if (!check) rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });

const flags = [
  `--keepCase=${options.keepCase}`, `--longs=${options.longs}`, `--enums=${options.enums}`,
  `--defaults=${options.defaults}`, `--oneofs=${options.oneofs}`, "--grpcLib=@grpc/grpc-js",
];

for (const proto of protos) {
  const scratch = mkdtempSync(join(tmpdir(), "yunxi-proto-one-"));
  execFileSync(process.execPath, [generator, ...flags, "-I", root, "-O", scratch, proto], { stdio: ["ignore", "ignore", "inherit"] });
  const packageFile = join(scratch, `${basename(proto, ".proto")}.ts`);
  const packageText = readFileSync(packageFile, "utf8");
  rmSync(packageFile);
  cpSync(scratch, target, { recursive: true });
  // Move the package file next to its proto and re-point its relative imports from there.
  const destination = join(target, `${proto}.ts`);
  const fromDir = posix.dirname(proto.split("\\").join("/"));
  const moved = packageText.replace(/from '\.\/([^']+)'/g, (_m, spec) => {
    let path = posix.relative(fromDir, spec);
    if (!path.startsWith(".")) path = `./${path}`;
    return `from '${path}'`;
  });
  mkdirSync(dirname(destination), { recursive: true });
  writeFileSync(destination, moved);
  rmSync(scratch, { recursive: true, force: true });
}

// The generator writes relative imports without extensions (NodeNext resolution needs `.js`), and
// absolute paths in its "Original file" comments (which would make the output depend on the checkout).
for (const file of walk(target, ".ts")) {
  const original = readFileSync(file, "utf8");
  const text = original.replaceAll(`// Original file: ${root}/`, "// Original file: proto/");
  const fixed = text.replace(/from '(\.{1,2}\/[^']+?)'/g, (_m, spec) => `from '${spec.endsWith(".js") ? spec : `${spec}.js`}'`);
  if (fixed !== original) writeFileSync(file, fixed);
}

if (check) {
  const committed = join(root, "src/generated");
  const diff = compareTrees(target, committed);
  rmSync(target, { recursive: true, force: true });
  if (diff.length > 0) {
    console.error(`proto: generated types are stale (${diff.length} file(s) differ: ${diff.slice(0, 5).join(", ")}). Run: npm run gen`);
    process.exit(1);
  }
  console.log(`proto: generated types are up to date (${protos.length} proto files)`);
} else {
  console.log(`proto: generated types for ${protos.length} proto files into ${relative(process.cwd(), target)}`);
}

function compareTrees(fresh, committed) {
  const list = (dir) => (existsSync(dir) ? walk(dir, ".ts").map((f) => relative(dir, f)) : []);
  const all = new Set([...list(fresh), ...list(committed)]);
  return [...all].filter((file) => {
    const a = join(fresh, file);
    const b = join(committed, file);
    return !existsSync(a) || !existsSync(b) || readFileSync(a, "utf8") !== readFileSync(b, "utf8");
  });
}
