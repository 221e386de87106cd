// The tenants benchmark's sandbox process: one sandbox per connection (each its own AWS account
// with its own quota buckets), AWS-like latency and rate limits, trusting its organization's
// external id; serves until bench/tenants.ts disconnects.
import { DEFAULT_RATE_LIMITS, startSandbox, type ConnectValues, type Sandbox } from "../src/sandbox/index.js";
import { serveTask } from "./child-process.js";

export interface TenantSandboxesTask {
  externalIds: string[];
  users: number;
  latencyMs: number;
}

async function serve(task: TenantSandboxesTask): Promise<ConnectValues[]> {
  const sandboxes: Sandbox[] = [];
  for (const [i, externalId] of task.externalIds.entries()) {
    sandboxes.push(
      await startSandbox({
        generate: { users: task.users, groups: 20, accounts: 5, permissionSets: 4, seed: 5000 + i },
        // No CloudTrail history (as the sync benches): this measures the identity sync, not the
        // sign-in backfill, which its own --activity bench measures.
        activity: { pattern: "none" },
        trust: { externalId },
        faults: { latencyMs: task.latencyMs, rateLimits: DEFAULT_RATE_LIMITS },
      }),
    );
  }
  process.once("disconnect", () => {
    void Promise.all(sandboxes.map((s) => s.close())).finally(() => process.exit(0));
  });
  return sandboxes.map((s) => s.connectValues());
}

serveTask(serve, { exitAfter: false });
