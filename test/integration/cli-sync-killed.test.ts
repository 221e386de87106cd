// A sync killed at random points, on SQLite (the default store): see cli-sync-killed-suite.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeKilledSyncs } from "./cli-sync-killed-suite.js";

describeKilledSyncs("sqlite", 12, () => {
  const dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-killed-"));
  return Promise.resolve({
    env: { IDC_SYNC_DATA_DIR: dir },
    storeOptions: { dataDir: dir },
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
});
