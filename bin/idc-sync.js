#!/usr/bin/env -S node --max-old-space-size=1024 --max-semi-space-size=16
// The installed command: runs the compiled composition root (built by `npm ci` through `prepare`).
//
// Why the heap limit: V8 sizes how far garbage may grow past the live heap by the heap limit.
// Under 2 GB it grows the heap at most 2x between collections, less the lower the limit; with
// Node's default limit (4 GB on a machine of 16 GB or more) up to 4x. A sync of 100,000 users
// holds 100-270 MB live and makes gigabytes of short-lived garbage: peak RSS (first sync / re-sync,
// npm run bench, size L) measured 557/662 MB with the default, 435-445/490-571 MB at 1536 MB and
// 427-434/444-476 MB at 1024 MB. 1024 MB is about four times the live peak at that size.
// Why the young generation's size: Node 24's V8 grows each semi-space to 64 MB under this limit
// (Node 20: 16 MB): about 100 MB more RSS at M. With 16 MB, as on Node 20, S and M sync as fast as
// they did on Node 20 (within 1%, npm run bench, 2026-12-07).
// `npm start` passes the same flags (a test holds them equal), and the benchmark's sync process
// takes them from this line; run `node --max-old-space-size=N bin/idc-sync.js` to change them.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
