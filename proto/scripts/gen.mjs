#!/usr/bin/env node
// Regenerates TypeScript types for every .proto file with proto-loader-gen-types, using the same
// loader options as the runtime (loader-options.json). `--check` regenerates into a temp folder and
// fails when the committed src/generated differs, so stale types never land.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const options = JSON.parse(readFileSync(join(root, "loader-options.json"), "utf8"));
const require = createRequire(import.meta.url);
const generator = join(dirname(require.resolve("@grpc/proto-loader/package.json")), "build/bin/proto-loader-gen-types.js");

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist" || name === "src") return [];
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".proto") ? [path] : [];
  });
}

const protos = walk(root).map((file) => relative(root, file)).sort();
const target = check ? mkdtempSync(join(tmpdir(), "yunxi-proto-")) : join(root, "src/generated");
if (!check) rmSync(target, { recursive: true, force: true });

const flags = [
  `--keepCase=${options.keepCase}`, `--longs=${options.longs}`, `--enums=${options.enums}`,
  `--defaults=${options.defaults}`, `--oneofs=${options.oneofs}`,
];
execFileSync(process.execPath, [generator, ...flags, "--grpcLib=@grpc/grpc-js", "-I", root, "-O", target, ...protos], {
  stdio: ["ignore", "ignore", "inherit"],
});

// proto-loader-gen-types writes relative imports without extensions; NodeNext resolution needs them.
for (const file of walkTs(target)) {
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(/from '(\.{1,2}\/[^']+?)'/g, (_m, spec) => `from '${spec.endsWith(".js") ? spec : spec + ".js"}'`);
  if (fixed !== text) writeFileSync(file, fixed);
}
function walkTs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walkTs(path) : path.endsWith(".ts") ? [path] : [];
  });
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
  const freshFiles = existsSync(fresh) ? walkTs(fresh).map((f) => relative(fresh, f)) : [];
  const committedFiles = existsSync(committed) ? walkTs(committed).map((f) => relative(committed, f)) : [];
  const all = new Set([...freshFiles, ...committedFiles]);
  return [...all].filter((file) => {
    const a = join(fresh, file);
    const b = join(committed, file);
    return !existsSync(a) || !existsSync(b) || readFileSync(a, "utf8") !== readFileSync(b, "utf8");
  });
}
