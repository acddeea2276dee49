#!/usr/bin/env node
// Writes docs/api/openapi.json from the gateway's route modules (the same document /api/openapi.json
// serves). `--check` fails when the committed file differs, so the API doc never drifts from the code.
// Needs the built gateway (npm run build).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib.mjs";

const { openApiDocument, withRoutes } = await import(join(ROOT, "gateway/dist/openapi.js"));
const { ALL_ROUTES } = await import(join(ROOT, "gateway/dist/routes/index.js"));
const file = join(ROOT, "docs/api/openapi.json");
const text = `${JSON.stringify(withRoutes(openApiDocument, ALL_ROUTES), null, 2)}\n`;

if (process.argv.includes("--check")) {
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
    console.error("docs/api/openapi.json is stale. Run: npm run build && node scripts/openapi.mjs");
    process.exit(1);
  }
  console.log("docs/api/openapi.json is up to date");
} else {
  writeFileSync(file, text);
  const paths = Object.keys(JSON.parse(text).paths).length;
  console.log(`wrote docs/api/openapi.json (${paths} paths)`);
}
