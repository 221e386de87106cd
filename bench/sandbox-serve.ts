// How fast the sandbox serves ListUsers pages from a 100,000-user organization (latency 0, no
// rate limits). The sandbox runs in a child process (its own core; --in-process to share one).
// Three measures: a cold pass (every user serialized for the first time), raw HTTP with
// keep-alive (C concurrent walkers following NextToken; also the server's CPU time per page,
// which shared or busy machines distort less than wall-clock rates), and one full pass through
// the real SDK's paginator.
//   npx tsx bench/sandbox-serve.ts [--json] [--users N] [--seconds S] [--concurrency C] [--in-process]
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { IdentitystoreClient, paginateListUsers } from "@aws-sdk/client-identitystore";
import { generateWorld, startSandbox } from "../src/sandbox/index.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    users: { type: "string", default: "100000" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "4" },
    "in-process": { type: "boolean", default: false },
    serve: { type: "boolean", default: false },
  },
});
const users = Number(values.users);

interface Served {
  url: string;
  storeId: string;
  region: string;
  generateMs: number;
}

async function serve(): Promise<{ served: Served; close: () => Promise<void> }> {
  const t0 = performance.now();
  const world = generateWorld({ users, groups: 100, accounts: 10, permissionSets: 5, seed: 7 });
  const generateMs = Math.round(performance.now() - t0);
  const sandbox = await startSandbox({ world, requireAssumedRole: false });
  const served = {
    url: sandbox.url,
    storeId: world.instance.IdentityStoreId,
    region: world.region,
    generateMs,
  };
  return { served, close: () => sandbox.close() };
}

if (values.serve) {
  // Child mode: serve until the parent disconnects.
  const { served, close } = await serve();
  process.send?.(served);
  // The parent asks for this process's CPU time around a measure: server CPU per page.
  process.on("message", () => process.send?.({ cpuMicros: cpuMicros() }));
  process.once("disconnect", () => void close());
} else {
  await measure();
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

interface Server {
  served: Served;
  /** CPU time the server process used so far (in-process: this process, client included). */
  cpu: () => Promise<number>;
  close: () => Promise<void>;
}

async function startServer(): Promise<Server> {
  if (values["in-process"]) return { ...(await serve()), cpu: () => Promise.resolve(cpuMicros()) };
  const child = fork(fileURLToPath(import.meta.url), ["--serve", "--users", String(users)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const served = await new Promise<Served>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Served));
    child.once("exit", (code) => reject(new Error(`sandbox child exited with ${code}`)));
  });
  return {
    served,
    cpu: () =>
      new Promise<number>((resolve) => {
        child.once("message", (m) => resolve((m as { cpuMicros: number }).cpuMicros));
        child.send("cpu");
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}

async function measure(): Promise<void> {
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const { served, cpu, close } = await startServer();
  const url = new URL(served.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

  /** One ListUsers page over raw HTTP; returns the NextToken (read from the end of the body). */
  const listUsers = (nextToken: string | undefined): Promise<string | undefined> => {
    const body = JSON.stringify({
      IdentityStoreId: served.storeId,
      MaxResults: 100,
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: "POST",
          path: "/",
          agent,
          headers: {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSIdentityStore.ListUsers",
            "Content-Length": Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
            const tail = Buffer.concat(chunks).subarray(-400).toString();
            resolve(/"NextToken":"([^"]+)"/.exec(tail)?.[1]);
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  };

  const coldStart = performance.now();
  let coldPages = 0;
  let token: string | undefined;
  do {
    token = await listUsers(token);
    coldPages++;
  } while (token !== undefined);
  const coldSeconds = (performance.now() - coldStart) / 1000;

  const walker = async (deadline: number): Promise<number> => {
    let pages = 0;
    let next: string | undefined;
    while (performance.now() < deadline) {
      next = await listUsers(next);
      pages++;
    }
    return pages;
  };
  const cpuBefore = await cpu();
  const start = performance.now();
  const counts = await Promise.all(Array.from({ length: concurrency }, () => walker(start + seconds * 1000)));
  const rawSeconds = (performance.now() - start) / 1000;
  const rawPages = counts.reduce((a, b) => a + b, 0);
  const serverCpuMicrosPerPage = Math.round(((await cpu()) - cpuBefore) / rawPages);

  const client = new IdentitystoreClient({
    endpoint: served.url,
    region: served.region,
    credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
  });
  const sdkStart = performance.now();
  let sdkPages = 0;
  let sdkUsers = 0;
  for await (const page of paginateListUsers(
    { client, pageSize: 100 },
    { IdentityStoreId: served.storeId },
  )) {
    sdkPages++;
    sdkUsers += page.Users?.length ?? 0;
  }
  const sdkSeconds = (performance.now() - sdkStart) / 1000;
  client.destroy();
  agent.destroy();
  await close();

  const result = {
    users,
    server: values["in-process"] ? "in-process" : "child process",
    generateMs: served.generateMs,
    coldPassPagesPerSecond: Math.round(coldPages / coldSeconds),
    rawHttp: {
      concurrency,
      seconds: +rawSeconds.toFixed(2),
      pages: rawPages,
      pagesPerSecond: Math.round(rawPages / rawSeconds),
      serverCpuMicrosPerPage,
      /** What one fully busy core could serve at that cost. */
      serverPagesPerCpuSecond: Math.round(1e6 / serverCpuMicrosPerPage),
    },
    sdkPaginator: { pages: sdkPages, users: sdkUsers, pagesPerSecond: Math.round(sdkPages / sdkSeconds) },
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    `sandbox ListUsers, ${users} users (generated in ${result.generateMs} ms), server ${result.server}\n` +
      `  cold pass (first serialization): ${result.coldPassPagesPerSecond} pages/s\n` +
      `  raw HTTP, ${concurrency} walkers, ${result.rawHttp.seconds} s: ${result.rawHttp.pagesPerSecond} pages/s\n` +
      `    server CPU ${serverCpuMicrosPerPage} µs/page = ${result.rawHttp.serverPagesPerCpuSecond} pages per CPU-second\n` +
      `  SDK paginateListUsers, one full pass: ${result.sdkPaginator.pagesPerSecond} pages/s (${sdkUsers} users)\n`,
  );
}
