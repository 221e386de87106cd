// A running sync's stored progress and cancel request (migration 0008): written by the process
// that runs the sync, read by every process serving the API, and the other way round for cancel.
export interface RunProgress {
  phase: string;
  done: number;
}

export interface RunControlPort {
  /** Records how far a running sync has read; ignored once the run has ended. */
  setRunProgress(runId: string, progress: RunProgress): Promise<void>;
  /** The progress stored for a running run; null when none was stored or it has ended. */
  getRunProgress(orgId: string, runId: string): Promise<RunProgress | null>;
  /** Asks the connection's running sync to stop; false when none is running. */
  requestSyncCancel(orgId: string, connectionId: string): Promise<boolean>;
  /** True once a cancel was asked for this running run. */
  isSyncCancelRequested(runId: string): Promise<boolean>;
}
