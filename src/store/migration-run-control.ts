// Migration 0008_run_control: a running sync's progress and a cancel request live on its run row,
// so that any process serving the API shows the phase and counts of a sync another process (a
// worker) runs, and "Cancel" reaches the worker wherever it runs.
import type { Kysely, Migration } from "kysely";

export const runControlMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("sync_runs").addColumn("progress_phase", "text").execute();
    await db.schema.alterTable("sync_runs").addColumn("progress_done", "integer").execute();
    await db.schema.alterTable("sync_runs").addColumn("cancel_requested_at", "text").execute();
  },
};
