// The naive baseline's process: AWS-like conditions, then naiveRead with a budget at AWS's own
// rates (a naive sync has no reason to stay below them, and a slower budget would flatter us).
import { RequestBudget } from "../src/aws-calls/request-budget.js";
import { DEFAULT_RATE_LIMITS, type ConnectValues } from "../src/sandbox/index.js";
import { serveTask } from "./child-process.js";
import { naiveRead, type NaiveResult } from "./naive-read.js";
import { AWS_LIKE, startPhase } from "./sandbox-admin.js";

export interface NaiveTask {
  connect: ConnectValues;
}

async function run(task: NaiveTask): Promise<NaiveResult> {
  await startPhase(task.connect.endpoint, AWS_LIKE);
  const budget = new RequestBudget({
    rates: {
      identitystore: DEFAULT_RATE_LIMITS.identitystorePerApi,
      sso: DEFAULT_RATE_LIMITS.ssoAdmin,
      organizations: DEFAULT_RATE_LIMITS.organizations,
      sts: DEFAULT_RATE_LIMITS.sts,
    },
  });
  return naiveRead(task.connect, budget);
}

serveTask(run, { exitAfter: true });
