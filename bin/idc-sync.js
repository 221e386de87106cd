#!/usr/bin/env node
// The installed command: runs the compiled composition root (built by `npm ci` through `prepare`).
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
