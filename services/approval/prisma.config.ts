// The pattern every service copies: see docs/database.md.
import { defineConfig } from "prisma/config";
import { servicePrismaConfig } from "../../packages/platform/prisma-engine/prisma-config.mjs";

export default defineConfig(servicePrismaConfig(import.meta.url, { schema: "approval" }));
