// How fast the sandbox serves ListUsers pages from a 100,000-user organization (latency 0, no
// rate limits). Two measures: raw HTTP with keep-alive (N concurrent walkers following
// NextToken), and one full pass through the real SDK's paginator.
//   npx tsx bench/sandbox-serve.ts [--json] [--users N] [--seconds S] [--concurrency C]
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import { IdentitystoreClient, paginateListUsers } from "@aws-sdk/client-identitystore";
import { generateWorld, startSandbox } from "../src/sandbox/index.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    users: { type: "string", default: "100000" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "4" },
  },
});
const users = Number(values.users);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const t0 = performance.now();
const world = generateWorld({ users, groups: 100, accounts: 10, permissionSets: 5, seed: 7 });
const generateMs = performance.now() - t0;
const sandbox = await startSandbox({ world, requireAssumedRole: false });
const storeId = world.instance.IdentityStoreId;
const url = new URL(sandbox.url);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

/** One ListUsers page over raw HTTP; returns the NextToken (read from the end of the body). */
function listUsers(nextToken: string | undefined): Promise<string | undefined> {
  const body = JSON.stringify({
    IdentityStoreId: storeId,
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
}

async function walker(deadline: number): Promise<number> {
  let pages = 0;
  let token: string | undefined;
  while (performance.now() < deadline) {
    token = await listUsers(token);
    pages++;
  }
  return pages;
}

// Cold pass: the first serialization of every user.
const coldStart = performance.now();
let coldPages = 0;
let token: string | undefined;
do {
  token = await listUsers(token);
  coldPages++;
} while (token !== undefined);
const coldSeconds = (performance.now() - coldStart) / 1000;

const start = performance.now();
const counts = await Promise.all(Array.from({ length: concurrency }, () => walker(start + seconds * 1000)));
const rawSeconds = (performance.now() - start) / 1000;
const rawPages = counts.reduce((a, b) => a + b, 0);

const client = new IdentitystoreClient({
  endpoint: sandbox.url,
  region: world.region,
  credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
});
const sdkStart = performance.now();
let sdkPages = 0;
let sdkUsers = 0;
for await (const page of paginateListUsers({ client, pageSize: 100 }, { IdentityStoreId: storeId })) {
  sdkPages++;
  sdkUsers += page.Users?.length ?? 0;
}
const sdkSeconds = (performance.now() - sdkStart) / 1000;
client.destroy();
agent.destroy();
await sandbox.close();

const result = {
  users,
  generateMs: Math.round(generateMs),
  coldPassPagesPerSecond: Math.round(coldPages / coldSeconds),
  rawHttp: {
    concurrency,
    seconds: +rawSeconds.toFixed(2),
    pages: rawPages,
    pagesPerSecond: Math.round(rawPages / rawSeconds),
  },
  sdkPaginator: { pages: sdkPages, users: sdkUsers, pagesPerSecond: Math.round(sdkPages / sdkSeconds) },
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    `sandbox ListUsers, ${users} users (generated in ${result.generateMs} ms)\n` +
      `  cold pass (first serialization): ${result.coldPassPagesPerSecond} pages/s\n` +
      `  raw HTTP, ${concurrency} walkers, ${result.rawHttp.seconds} s: ${result.rawHttp.pagesPerSecond} pages/s\n` +
      `  SDK paginateListUsers, one full pass: ${result.sdkPaginator.pagesPerSecond} pages/s (${sdkUsers} users)\n`,
  );
}
