#!/usr/bin/env -S node --max-old-space-size=1536
// The installed command: runs the compiled composition root (built by `npm ci` through `prepare`).
//
// Why the heap limit: V8 sizes how far garbage may grow past the live heap by the heap limit.
// Under 2 GB it grows the heap at most 2x between collections; with Node's default limit (4 GB
// on a machine of 16 GB or more) up to 4x. A sync of 100,000 users holds 100-300 MB live and
// makes gigabytes of short-lived garbage: its peak RSS measured 557 MB (662 MB in a re-sync) with
// the default and 451 MB (487 MB) with 1536 MB (npm run bench, size L, unthrottled). The limit
// itself leaves five times the live peak at that size.
// `npm start` passes the same flag; run `node --max-old-space-size=N bin/idc-sync.js` to change it.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
