import { defineConfig } from "prisma/config";
import { servicePrismaConfig } from "../../packages/platform/prisma-engine/prisma-config.mjs";
export default defineConfig(servicePrismaConfig(import.meta.url, { schema: "key_management" }));
