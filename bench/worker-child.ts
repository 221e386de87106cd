// `idc-sync worker` as the benchmark runs it: the compiled CLI's worker command in its own process.
import { main } from "../src/main.js";

process.exitCode = await main(["worker", ...process.argv.slice(2)]);
