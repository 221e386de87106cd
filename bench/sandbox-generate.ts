// How long the sandbox takes to generate a large organization, and how big it is: 100,000 users,
// 10,000 groups, 500 accounts, 300 permission sets, ~10,000 provisioned pairs and ~1,000,000
// effective-access rows (the ground truth of src/sandbox/truth.ts, timed separately).
//   npx tsx bench/sandbox-generate.ts [--json] [--users N] [--groups N] [--accounts N]
//     [--permission-sets N] [--seed S] [--provisioned-per-account N] [--assignments-per-pair N]
//     [--groups-per-user N]
import { parseArgs } from "node:util";
import { generateWorld } from "../src/sandbox/generate.js";
import { expectedAccess } from "../src/sandbox/truth.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    users: { type: "string", default: "100000" },
    groups: { type: "string", default: "10000" },
    accounts: { type: "string", default: "500" },
    "permission-sets": { type: "string", default: "300" },
    seed: { type: "string", default: "1" },
    "provisioned-per-account": { type: "string", default: "20" },
    "assignments-per-pair": { type: "string", default: "4" },
    "groups-per-user": { type: "string", default: "4" },
  },
});

const options = {
  seed: Number(values.seed),
  users: Number(values.users),
  groups: Number(values.groups),
  accounts: Number(values.accounts),
  permissionSets: Number(values["permission-sets"]),
  provisionedPerAccount: Number(values["provisioned-per-account"]),
  assignmentsPerPair: Number(values["assignments-per-pair"]),
  groupsPerUser: Number(values["groups-per-user"]),
};

// CPU seconds too: on a shared machine they say more than wall time.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return Number(((d.user + d.system) / 1e6).toFixed(3));
};
const t0 = performance.now();
const c0 = process.cpuUsage();
const world = generateWorld(options);
const t1 = performance.now();
const generateCpu = cpuSeconds(c0);
const c1 = process.cpuUsage();
const access = expectedAccess(world);
const t2 = performance.now();
const truthCpu = cpuSeconds(c1);

const result = {
  options,
  counts: {
    users: world.users.length,
    groups: world.groups.length,
    memberships: world.memberships.length,
    accounts: world.accounts.length,
    permissionSets: world.permissionSets.length,
    provisionedPairs: Object.values(world.provisioned).reduce((n, arns) => n + arns.length, 0),
    assignments: world.assignments.length,
    accessRows: access.length,
  },
  generateSeconds: Number(((t1 - t0) / 1000).toFixed(3)),
  generateCpuSeconds: generateCpu,
  truthSeconds: Number(((t2 - t1) / 1000).toFixed(3)),
  truthCpuSeconds: truthCpu,
  heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const c = result.counts;
  process.stdout.write(
    [
      `sandbox generate (seed ${options.seed})`,
      `  users             ${c.users}`,
      `  groups            ${c.groups}`,
      `  memberships       ${c.memberships}`,
      `  accounts          ${c.accounts}`,
      `  permission sets   ${c.permissionSets}`,
      `  provisioned pairs ${c.provisionedPairs}`,
      `  assignments       ${c.assignments}`,
      `  access rows       ${c.accessRows}`,
      `  generate          ${result.generateSeconds} s (cpu ${result.generateCpuSeconds} s)`,
      `  expected access   ${result.truthSeconds} s (cpu ${result.truthCpuSeconds} s)`,
      `  heap used         ${result.heapUsedMb} MB`,
      "",
    ].join("\n"),
  );
}
