#!/usr/bin/env node
// npm run build: install dependencies if needed, generate Prisma clients, compile everything (tsc -b).
import { build, ensureDependencies } from "./lib.mjs";

ensureDependencies();
build();
